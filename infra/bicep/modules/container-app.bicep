// One app: its container, its Dapr sidecar, ingress (internal, or external for the gateway), probes, scale
// rules and, when it is the canary app, two revisions sharing the traffic.

@description('Container app name.')
param name string

@description('Azure region.')
param location string

@description('Tags for every resource (the azd service tag is added here).')
param tags object

@description('Tag the app with azd-service-name so `azd deploy` finds it (primary region only).')
param isAzdService bool

@description('The Container Apps environment.')
param environmentId string

@description('The app\'s catalogue entry (apps.json).')
param app object

@description('Image to run.')
param image string

@description('The app\'s user-assigned identity (image pull, secret references).')
param identityId string

@description('Registry login server.')
param registryServer string

@description('Environment variables: name and value, or name and secretRef.')
param env array

@description('Container Apps secrets (Key Vault references).')
param secrets array

@description('KEDA scale rules besides the HTTP rule.')
param scaleRules array

@description('Canary share of the latest revision, in percent, when the app runs in multiple-revision mode.')
@minValue(0)
@maxValue(100)
param canaryPercent int

@description('The revision the rest of the traffic stays on (label "stable"); empty: the latest revision takes everything.')
param stableRevision string

@description('The app\'s Container Apps resiliency policy (resiliency.json), or empty for none.')
param resiliency object

var multipleRevisions = app.?revisionCanary ?? false
var traffic = multipleRevisions && !empty(stableRevision)
  ? [
      { revisionName: stableRevision, weight: 100 - canaryPercent, label: 'stable' }
      { latestRevision: true, weight: canaryPercent }
    ]
  : [{ latestRevision: true, weight: 100 }]

var probes = [
  {
    type: 'Startup'
    httpGet: { path: '/alive', port: app.port }
    initialDelaySeconds: 2
    periodSeconds: 5
    failureThreshold: 24
  }
  {
    type: 'Liveness'
    httpGet: { path: '/alive', port: app.port }
    periodSeconds: 10
    failureThreshold: 3
  }
  {
    type: 'Readiness'
    httpGet: { path: '/health', port: app.port }
    periodSeconds: 5
    failureThreshold: 3
  }
]

resource containerApp 'Microsoft.App/containerApps@2026-07-01' = {
  name: name
  location: location
  tags: union(tags, isAzdService ? { 'azd-service-name': app.id } : {})
  identity: {
    type: app.dapr ? 'SystemAssigned,UserAssigned' : 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    environmentId: environmentId
    workloadProfileName: 'Consumption'
    configuration: {
      activeRevisionsMode: multipleRevisions ? 'Multiple' : 'Single'
      maxInactiveRevisions: 10
      ingress: {
        external: app.?externalIngress ?? false
        targetPort: app.port
        transport: 'http'
        // Inside the environment services are called over plain HTTP (http://<app>); only the gateway faces users.
        allowInsecure: !(app.?externalIngress ?? false)
        traffic: traffic
      }
      registries: [{ server: registryServer, identity: identityId }]
      secrets: secrets
      dapr: app.dapr
        ? {
            enabled: true
            appId: app.id
            appPort: app.port
            appProtocol: 'http'
            enableApiLogging: false
            logLevel: 'info'
            httpMaxRequestSize: app.?maxRequestSizeMb ?? 4
            // As dapr.yaml's common settings: the sidecar stops deliveries to an app that is not ready.
            appHealth: {
              enabled: true
              path: '/health'
              probeIntervalSeconds: 5
              probeTimeoutMilliseconds: 2000
              threshold: 3
            }
          }
        : { enabled: false }
    }
    template: {
      containers: [
        {
          name: app.id
          image: image
          resources: { cpu: json(app.cpu), memory: app.memory }
          env: env
          probes: probes
        }
      ]
      scale: {
        minReplicas: app.minReplicas
        maxReplicas: app.maxReplicas
        rules: concat(
          [{ name: 'http', http: { metadata: { concurrentRequests: string(app.httpConcurrency) } } }],
          scaleRules)
      }
    }
  }
}

resource resiliencyPolicy 'Microsoft.App/containerApps/resiliencyPolicies@2025-10-02-preview' = if (!empty(resiliency)) {
  parent: containerApp
  name: 'resiliency'
  properties: resiliency
}

output name string = containerApp.name
@description('The system-assigned identity (Dapr-enabled apps only): its component roles are granted in access.bicep.')
output principalId string = app.dapr ? containerApp.identity.principalId : ''
output fqdn string = containerApp.properties.configuration.ingress.fqdn
output latestRevisionName string = containerApp.properties.latestRevisionName
