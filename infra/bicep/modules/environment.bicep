// A Container Apps environment with managed Dapr: its telemetry (Dapr's traces to Application Insights, the
// apps' OpenTelemetry through the managed collector), the Dapr components of components/azure mapped to the
// Container Apps schema, their resiliency policies, and the declarative subscriptions of components/common.

@description('Environment name.')
param name string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object

@description('Log Analytics workspace receiving the environment\'s logs (in the shared resource group).')
param logAnalyticsName string

@description('Application Insights component for traces (in the shared resource group).')
param applicationInsightsName string

@description('Resource group of the workspace and the Application Insights component.')
param monitoringResourceGroupName string

@description('The Dapr components of components/azure, normalised by main.bicep (name, type, version, metadata, scopes, ...).')
param components array

@description('Values for the components\' envRef metadata, by variable name: what only a deployment knows (endpoints, names).')
param deploymentValues object

@description('Values for envRef metadata that differ per component (by component name, then variable name); they win over deploymentValues.')
param componentValues object

@description('Component resiliency policies by component name (resiliency.json).')
param componentResiliency object

@description('Declarative subscriptions (subscriptions.json).')
param subscriptions array

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2025-02-01' existing = {
  name: logAnalyticsName
  scope: resourceGroup(monitoringResourceGroupName)
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
  scope: resourceGroup(monitoringResourceGroupName)
}

resource environment 'Microsoft.App/managedEnvironments@2026-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logAnalytics.properties.customerId
        sharedKey: logAnalytics.listKeys().primarySharedKey
      }
    }
    daprAIConnectionString: applicationInsights.properties.ConnectionString
    daprAIInstrumentationKey: applicationInsights.properties.InstrumentationKey
    appInsightsConfiguration: {
      connectionString: applicationInsights.properties.ConnectionString
    }
    openTelemetryConfiguration: {
      tracesConfiguration: { destinations: ['appInsights'] }
      logsConfiguration: { destinations: ['appInsights'] }
    }
    workloadProfiles: [
      { name: 'Consumption', workloadProfileType: 'Consumption' }
    ]
    zoneRedundant: false
  }
}

// Mapping rules, Dapr Component YAML -> Container Apps: spec.type -> componentType; value -> value; envRef ->
// value from deploymentValues; secretKeyRef -> secretRef, resolved from the Dapr secret store named in auth
// (default: secretstore, the Key Vault component); azureClientId is dropped, so the sidecar authenticates
// as its own app's system-assigned identity (a shared component cannot name one identity per app); a Service
// Bus component always gets disableEntityManagement true (the deployment creates every topic and
// subscription, so the apps need no Manage right).
var daprComponents = map(components, c => {
  name: c.name
  properties: union(
    {
      componentType: c.type
      version: c.version
      ignoreErrors: c.ignoreErrors
      metadata: concat(map(filter(c.metadata, m => m.name != 'azureClientId' && m.name != 'disableEntityManagement'), m => contains(m, 'secretKeyRef')
        ? { name: m.name, secretRef: m.secretKeyRef.name }
        : { name: m.name, value: contains(m, 'envRef') ? componentValues[?c.name][?m.envRef] ?? deploymentValues[m.envRef] : string(m.value) }),
        startsWith(c.type, 'pubsub.azure.servicebus') ? [{ name: 'disableEntityManagement', value: 'true' }]
          : [])
      scopes: c.scopes
    },
    empty(c.initTimeout) ? {} : { initTimeout: c.initTimeout },
    empty(filter(c.metadata, m => contains(m, 'secretKeyRef')))
      ? {}
      : { secretStoreComponent: empty(c.secretStore) ? 'secretstore' : c.secretStore })
})

resource componentResources 'Microsoft.App/managedEnvironments/daprComponents@2026-07-01' = [for c in daprComponents: {
  parent: environment
  name: c.name
  properties: c.properties
}]

resource componentPolicies 'Microsoft.App/managedEnvironments/daprComponents/resiliencyPolicies@2026-07-01' = [for (c, i) in daprComponents: if (contains(componentResiliency, c.name)) {
  parent: componentResources[i]
  name: 'resiliency'
  properties: componentResiliency[c.name]
}]

resource subscriptionResources 'Microsoft.App/managedEnvironments/daprSubscriptions@2025-10-02-preview' = [for s in subscriptions: {
  parent: environment
  name: s.name
  properties: {
    pubsubName: s.pubsubName
    topic: s.topic
    routes: s.routes
    deadLetterTopic: s.deadLetterTopic
    scopes: s.scopes
  }
  dependsOn: [componentResources]
}]

output id string = environment.id
output name string = environment.name
output defaultDomain string = environment.properties.defaultDomain
output daprVersion string = environment.properties.?daprConfiguration.?version ?? ''
