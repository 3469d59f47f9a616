// One region's stamp: a Container Apps environment with its Dapr components and a container app per app.

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object

@description('Suffix making this region\'s names unique.')
param resourceToken string

@description('The primary region: its apps are the azd services; a secondary region follows them.')
param isPrimary bool

@description('Resource group holding the shared resources (monitoring, registry, identities, data).')
param sharedResourceGroupName string

@description('Log Analytics workspace name.')
param logAnalyticsName string

@description('Application Insights component name.')
param applicationInsightsName string

@description('The Dapr components of components/azure, normalised by main.bicep.')
param components array

@description('Values for the components\' envRef metadata.')
param deploymentValues object

@description('Per component: envRef values that differ by component (the PostgreSQL stores\' users).')
param componentValues object

@description('Resiliency policies (resiliency.json).')
param resiliency object

@description('Declarative subscriptions (subscriptions.json).')
param subscriptions array

@description('The app catalogue (apps.json).')
param apps array

@description('Per app: the user-assigned identity (app, id, clientId, principalId).')
param identities array

@description('Registry login server.')
param registryServer string

@description('Per app id: "true" when the app already runs an image azd deployed (azd\'s SERVICE_<NAME>_RESOURCE_EXISTS).')
param appsExist object

@description('Service Bus namespace name (for the KEDA scale rules).')
param serviceBusNamespaceName string

@description('Settings every Dapr app gets (authentication).')
param commonSettings object

@description('Per app id: settings only a deployment knows (name, value), e.g. the payment provider\'s URL.')
param appSettings object

@description('Versionless Key Vault URL of the payment provider key (the simulator\'s secret reference).')
param paymentProviderKeyUrl string

@description('Deploy the payment provider simulator.')
param deployPaymentSimulator bool

@description('Canary share of product-service\'s latest revision, in percent.')
param productCanaryPercent int

@description('product-service\'s stable revision; empty until the second deployment (see docs/deploy-azure.md).')
param productStableRevision string

var identityOf = toObject(identities, e => e.app)
var placeholderImage = 'mcr.microsoft.com/k8se/quickstart:latest'
var deployedApps = filter(apps, app => !(app.?simulator ?? false) || deployPaymentSimulator)

module environment 'environment.bicep' = {
  name: 'environment-${resourceToken}'
  params: {
    name: 'cae-${resourceToken}'
    location: location
    tags: tags
    logAnalyticsName: logAnalyticsName
    applicationInsightsName: applicationInsightsName
    monitoringResourceGroupName: sharedResourceGroupName
    components: components
    deploymentValues: deploymentValues
    componentValues: componentValues
    componentResiliency: resiliency.components
    subscriptions: subscriptions
  }
}

// What each app runs now: the primary's own image once azd has deployed it; a secondary region follows the
// primary's apps (provision again after `azd deploy` to roll it forward).
module currentImages 'fetch-image.bicep' = [for app in deployedApps: if ((appsExist[?app.id] ?? 'false') == 'true') {
  name: 'image-${app.id}-${resourceToken}'
  scope: resourceGroup(sharedResourceGroupName)
  params: { name: app.id }
}]

module containerApps 'container-app.bicep' = [for (app, i) in deployedApps: {
  name: 'app-${app.id}-${resourceToken}'
  params: {
    // Named after the app id in every region (each region has its own resource group), so http://<app> works.
    name: app.id
    location: location
    tags: tags
    isAzdService: isPrimary
    environmentId: environment.outputs.id
    app: app
    image: currentImages[i].?outputs.?image ?? placeholderImage
    identityId: identityOf[app.id].id
    registryServer: registryServer
    env: concat(
      [
        { name: 'ASPNETCORE_ENVIRONMENT', value: 'Production' }
        { name: 'ASPNETCORE_HTTP_PORTS', value: string(app.port) }
        { name: 'OTEL_SERVICE_NAME', value: app.id }
      ],
      app.dapr ? commonSettings.env : [],
      map(items(app.env), e => { name: e.key, value: e.value }),
      appSettings[?app.id] ?? [],
      (app.?simulator ?? false) ? [{ name: 'Simulator__ApiKey', secretRef: 'payment-provider-api-key' }] : [])
    secrets: (app.?simulator ?? false)
      ? [{ name: 'payment-provider-api-key', keyVaultUrl: paymentProviderKeyUrl, identity: identityOf[app.id].id }]
      : []
    scaleRules: map(app.scaleOn, topic => {
      name: 'sb-${indexOf(app.scaleOn, topic)}-${take(replace(topic, '.', '-'), 40)}'
      custom: {
        type: 'azure-servicebus'
        // KEDA reads the subscription's message count with the app's own identity (see access.bicep).
        identity: 'system'
        metadata: {
          namespace: serviceBusNamespaceName
          topicName: topic
          subscriptionName: app.id
          messageCount: '10'
        }
      }
    })
    canaryPercent: productCanaryPercent
    stableRevision: productStableRevision
    resiliency: resiliency.apps[?app.id] ?? {}
  }
}]

var gatewayIndex = indexOf(map(deployedApps, app => app.id), 'gateway')
var productIndex = indexOf(map(deployedApps, app => app.id), 'product-service')

@description('Per app: its system-assigned principal (empty for an app without Dapr).')
output principals array = [for (app, i) in deployedApps: {
  app: app.id
  principalId: containerApps[i].outputs.principalId
}]
@description('The Dapr apps of this region: the ones with a system-assigned identity to grant.')
output daprAppIds array = map(filter(deployedApps, app => app.dapr), app => app.id)
output gatewayFqdn string = containerApps[gatewayIndex].outputs.fqdn
output productServiceLatestRevision string = containerApps[productIndex].outputs.latestRevisionName
output environmentId string = environment.outputs.id
output environmentName string = environment.outputs.name
output environmentDefaultDomain string = environment.outputs.defaultDomain
output daprVersion string = environment.outputs.daprVersion
