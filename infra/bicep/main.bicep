// `azd up` for CloudPatterns: every app of dapr.yaml on Azure Container Apps with managed Dapr, the Dapr
// components of components/azure, and what they connect to. See docs/deploy-azure.md.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; names and tags every resource.')
param environmentName string

@minLength(1)
@description('Primary region of every resource.')
param location string

@description('The deploying user\'s principal id (azd sets AZURE_PRINCIPAL_ID): may manage Key Vault secrets.')
param principalId string = ''

@description('The deploying principal\'s type.')
@allowed(['User', 'ServicePrincipal', 'Group'])
param principalType string = 'User'

@description('Deploy a second region (Front Door, a second environment with every app, Cosmos DB multi-region writes).')
param enableSecondRegion bool = false

@description('The second region, used when enableSecondRegion is true.')
param secondaryLocation string = ''

@description('Cosmos DB serverless (pay per request). A second region switches to provisioned autoscale throughput.')
param cosmosServerless bool = true

@description('Share of product-service requests its latest revision takes while a stable revision is set (the guide\'s 80/20).')
@minValue(0)
@maxValue(100)
param productCanaryPercent int = 20

@description('product-service\'s stable revision (label "stable"); empty lets the latest revision take all traffic.')
param productStableRevision string = ''

@description('Deploy the payment provider simulator as an internal app (the demo); false: paymentProviderBaseUrl is the real provider.')
param deployPaymentSimulator bool = true

@description('Base URL of a real payment provider (used when deployPaymentSimulator is false).')
param paymentProviderBaseUrl string = ''

@description('Sender address of notification emails (a domain verified with the email provider).')
param emailFrom string = 'orders@cloudpatterns.example'

@description('Number text messages are sent from (the SMS provider\'s).')
param smsFromNumber string = '+15005550006'

@description('How the apps validate users\' tokens: EntraId (the cloud default) or Local (tokens signed with jwt-signing-key from Key Vault).')
@allowed(['EntraId', 'Local'])
param authenticationMode string = 'EntraId'

@description('Entra ID tenant of the API\'s app registration.')
param entraTenantId string = tenant().tenantId

@description('Client id of the API\'s Entra ID app registration (docs/deploy-azure.md, "Entra ID").')
param entraApiClientId string = ''

@description('Per app id: "true" once azd has deployed the app (SERVICE_<NAME>_RESOURCE_EXISTS), so provisioning keeps its image.')
param appsExist object = {}

@description('Seed of the payment provider simulator\'s API key, used only when the simulator is first created.')
@secure()
param simulatorKeySeed string = newGuid()

var abbreviations = loadJsonContent('abbreviations.json')
var catalogue = loadJsonContent('apps.json')
var apps = catalogue.apps
// Every topic some app subscribes to, once: a topic is created where its first subscriber is listed (apps.json lists
// each app's topics, the outboxes' internal topics included), so a new event needs no second list.
var topics = reduce(flatten(map(apps, app => app.subscriptions)), [], (found, topic) => contains(found, topic) ? found : concat(found, [topic]))
var resiliency = loadJsonContent('resiliency.json')
var subscriptions = loadJsonContent('subscriptions.json').subscriptions
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var secondaryToken = toLower(uniqueString(subscription().id, environmentName, secondaryLocation))
var tags = { 'azd-env-name': environmentName }
var secondRegion = enableSecondRegion && !empty(secondaryLocation)

// One file per component, as Dapr loads them. Bicep cannot list a folder: a new file is added here, and the
// infrastructure tests fail until it is.
var componentDocuments array = [
  loadYamlContent('../../components/azure/analytics-store.yaml')
  loadYamlContent('../../components/azure/email.yaml')
  loadYamlContent('../../components/azure/gateway-store.yaml')
  loadYamlContent('../../components/azure/image-processor-store.yaml')
  loadYamlContent('../../components/azure/images.yaml')
  loadYamlContent('../../components/azure/notification-store.yaml')
  loadYamlContent('../../components/azure/order-query-store.yaml')
  loadYamlContent('../../components/azure/order-store.yaml')
  loadYamlContent('../../components/azure/payment-store.yaml')
  loadYamlContent('../../components/azure/product-store.yaml')
  loadYamlContent('../../components/azure/pubsub.yaml')
  loadYamlContent('../../components/azure/secretstore.yaml')
  loadYamlContent('../../components/azure/shipping-store.yaml')
  loadYamlContent('../../components/azure/sms.yaml')
  loadYamlContent('../../components/azure/workflow-store.yaml')
]

var components = map(componentDocuments, d => {
  name: d.metadata.name
  type: d.spec.type
  version: d.spec.version
  ignoreErrors: d.spec.?ignoreErrors ?? false
  initTimeout: d.spec.?initTimeout ?? ''
  metadata: d.spec.?metadata ?? []
  scopes: d.?scopes ?? []
  secretStore: d.?auth.?secretStore ?? ''
})

func metadataValue(component object, name string) string =>
  first(filter(component.metadata, m => m.name == name)).value

var cosmosContainers = map(filter(components, c => c.type == 'state.azure.cosmosdb'), c => metadataValue(c, 'collection'))
var blobContainers = map(filter(components, c => c.type == 'bindings.azure.blobstorage'), c => metadataValue(c, 'containerName'))
var cosmosDatabaseName = 'cloudpatterns'

// Names are fixed here, not read back from module outputs, so what-if can predict every resource.
var names = {
  logAnalytics: '${abbreviations.operationalInsightsWorkspaces}${resourceToken}'
  applicationInsights: '${abbreviations.insightsComponents}${resourceToken}'
  registry: '${abbreviations.containerRegistryRegistries}${resourceToken}'
  serviceBus: '${abbreviations.serviceBusNamespaces}${resourceToken}'
  cosmos: '${abbreviations.documentDBDatabaseAccounts}${resourceToken}'
  keyVault: '${abbreviations.keyVaultVaults}${resourceToken}'
  storage: '${abbreviations.storageStorageAccounts}${resourceToken}'
  frontDoor: '${abbreviations.cdnProfiles}${resourceToken}'
  postgres: '${abbreviations.dBforPostgreSQLServers}${resourceToken}'
}

resource group 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: '${abbreviations.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

resource secondaryGroup 'Microsoft.Resources/resourceGroups@2025-04-01' = if (secondRegion) {
  name: '${abbreviations.resourcesResourceGroups}${environmentName}-${secondaryLocation}'
  location: secondaryLocation
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: group
  params: {
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
    location: location
    tags: tags
  }
}

module registry 'modules/registry.bicep' = {
  name: 'registry'
  scope: group
  params: {
    name: names.registry
    location: location
    tags: tags
  }
}

module identities 'modules/identities.bicep' = {
  name: 'identities'
  scope: group
  params: {
    apps: apps
    namePrefix: '${abbreviations.managedIdentityUserAssignedIdentities}${resourceToken}-'
    location: location
    tags: tags
    registryName: names.registry
  }
  dependsOn: [registry]
}

module serviceBus 'modules/service-bus.bicep' = {
  name: 'service-bus'
  scope: group
  params: {
    name: names.serviceBus
    location: location
    tags: tags
    topics: topics
    apps: apps
  }
}

module cosmos 'modules/cosmos.bicep' = {
  name: 'cosmos'
  scope: group
  params: {
    name: names.cosmos
    location: location
    secondaryLocation: secondRegion ? secondaryLocation : ''
    tags: tags
    serverless: cosmosServerless
    databaseName: cosmosDatabaseName
    containerNames: cosmosContainers
  }
}

module keyVault 'modules/key-vault.bicep' = {
  name: 'key-vault'
  scope: group
  params: {
    name: names.keyVault
    location: location
    tags: tags
    deployerPrincipalId: principalId
    deployerPrincipalType: principalType
    createSimulatorKey: deployPaymentSimulator && (appsExist[?'payment-provider'] ?? 'false') != 'true'
    simulatorKey: simulatorKeySeed
    simulatorKeyReaders: deployPaymentSimulator ? map(filter(identities.outputs.identities, e => e.app == 'payment-provider'), e => e.principalId) : []
  }
}

module postgres 'modules/postgres.bicep' = {
  name: 'postgres'
  scope: group
  params: {
    name: names.postgres
    location: location
    tags: tags
    databaseName: cosmosDatabaseName
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: group
  params: {
    name: names.storage
    location: location
    tags: tags
    containerNames: blobContainers
  }
}

// What only a deployment knows, for the components' envRef metadata (names as components/azure uses them).
var deploymentValues = {
  CLOUDPATTERNS_COSMOS_URL: cosmos.outputs.endpoint
  CLOUDPATTERNS_COSMOS_DATABASE: cosmos.outputs.databaseName
  CLOUDPATTERNS_SERVICEBUS_NAMESPACE: serviceBus.outputs.hostName
  CLOUDPATTERNS_KEYVAULT_NAME: keyVault.outputs.name
  CLOUDPATTERNS_STORAGE_ACCOUNT: storage.outputs.name
  CLOUDPATTERNS_SMS_FROM_NUMBER: smsFromNumber
}

// A PostgreSQL store's connection string names its one app's role (access.bicep); no password: the component
// signs in with an Entra ID token. Each region's apps have their own identities, so their own role names.
func postgresValues(components array, host string, database string, userSuffix string) object =>
  toObject(filter(components, c => c.type == 'state.postgresql'), c => c.name, c => {
    CLOUDPATTERNS_POSTGRES_CONNECTION: 'host=${host} port=5432 database=${database} user=${c.scopes[0]}${userSuffix} sslmode=require'
  })

var secondaryUserSuffix = '-${secondaryLocation}'

// The web site signs users in with the API's own registration (a web app calling its own API) and proves itself to
// Entra ID with its user-assigned identity through a federated credential: no client secret exists
// (docs/deploy-azure.md, "Entra ID"). It then asks for access tokens to the API's scope.
var webIdentity = filter(identities.outputs.identities, e => e.app == 'web')[0]

var appSettings = {
  'payment-service': [{ name: 'PaymentProvider__BaseUrl', value: deployPaymentSimulator ? 'http://payment-provider/' : paymentProviderBaseUrl }]
  'notification-service': [{ name: 'Notifications__EmailFrom', value: emailFrom }]
  web: authenticationMode == 'EntraId'
    ? [
        { name: 'AzureAd__ClientCredentials__0__SourceType', value: 'SignedAssertionFromManagedIdentity' }
        { name: 'AzureAd__ClientCredentials__0__ManagedIdentityClientId', value: webIdentity.clientId }
        { name: 'Web__ApiScopes__0', value: 'api://${entraApiClientId}/access_as_user' }
      ]
    : []
}

// Every Dapr app validates users' tokens itself (zero trust behind the gateway), with the same settings.
var commonSettings = {
  env: concat(
    [{ name: 'Authentication__Mode', value: authenticationMode }],
    authenticationMode == 'EntraId'
      ? [
          { name: 'AzureAd__Instance', value: environment().authentication.loginEndpoint }
          { name: 'AzureAd__TenantId', value: entraTenantId }
          { name: 'AzureAd__ClientId', value: entraApiClientId }
          // No Audience: Microsoft.Identity.Web then accepts the client id (v2 tokens) and api://<client id> (v1).
          { name: 'AzureAd__Scopes__0', value: 'access_as_user' }
        ]
      : [])
}

module primary 'modules/region.bicep' = {
  name: 'region-primary'
  scope: group
  params: {
    location: location
    tags: tags
    resourceToken: resourceToken
    isPrimary: true
    sharedResourceGroupName: group.name
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
    components: components
    deploymentValues: deploymentValues
    componentValues: postgresValues(components, postgres.outputs.hostName, postgres.outputs.databaseName, '')
    resiliency: resiliency
    subscriptions: subscriptions
    apps: apps
    identities: identities.outputs.identities
    registryServer: registry.outputs.loginServer
    appsExist: appsExist
    serviceBusNamespaceName: names.serviceBus
    commonSettings: commonSettings
    appSettings: appSettings
    paymentProviderKeyUrl: keyVault.outputs.paymentProviderKeyUrl
    deployPaymentSimulator: deployPaymentSimulator
    productCanaryPercent: productCanaryPercent
    productStableRevision: productStableRevision
  }
  dependsOn: [monitoring]
}

// The second region runs every app again against the same Service Bus, Key Vault and storage, and Cosmos DB's
// second write region (see docs/deploy-azure.md for what that means for consistency).
module secondary 'modules/region.bicep' = if (secondRegion) {
  name: 'region-secondary'
  scope: secondaryGroup
  params: {
    location: secondaryLocation
    tags: tags
    resourceToken: secondaryToken
    isPrimary: false
    sharedResourceGroupName: group.name
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
    components: components
    deploymentValues: deploymentValues
    componentValues: postgresValues(components, postgres.outputs.hostName, postgres.outputs.databaseName, secondaryUserSuffix)
    resiliency: resiliency
    subscriptions: subscriptions
    apps: apps
    identities: identities.outputs.identities
    registryServer: registry.outputs.loginServer
    appsExist: appsExist
    serviceBusNamespaceName: names.serviceBus
    commonSettings: commonSettings
    appSettings: appSettings
    paymentProviderKeyUrl: keyVault.outputs.paymentProviderKeyUrl
    deployPaymentSimulator: deployPaymentSimulator
    productCanaryPercent: productCanaryPercent
    productStableRevision: productStableRevision
  }
  dependsOn: [monitoring, primary]
}

module primaryAccess 'modules/access.bicep' = {
  name: 'access-primary'
  scope: group
  params: {
    components: components
    apps: apps
    appIds: map(filter(apps, app => app.dapr), app => app.id)
    // A PostgreSQL Entra ID administrator is named by its principal's object id, which exists once the app does.
    #disable-next-line what-if-short-circuiting
    principals: primary.outputs.principals
    regionKey: group.name
    cosmosAccountName: names.cosmos
    cosmosDatabaseName: cosmosDatabaseName
    cosmosMetadataReaderRoleId: cosmos.outputs.metadataReaderRoleId
    postgresServerName: names.postgres
    postgresUserSuffix: ''
    serviceBusNamespaceName: names.serviceBus
    keyVaultName: names.keyVault
    storageAccountName: names.storage
  }
}

module secondaryAccess 'modules/access.bicep' = if (secondRegion) {
  name: 'access-secondary'
  scope: group
  params: {
    components: components
    apps: apps
    appIds: map(filter(apps, app => app.dapr), app => app.id)
    // A PostgreSQL Entra ID administrator is named by its principal's object id, which exists once the app does.
    #disable-next-line what-if-short-circuiting
    principals: secondary.?outputs.principals ?? []
    regionKey: '${abbreviations.resourcesResourceGroups}${environmentName}-${secondaryLocation}'
    cosmosAccountName: names.cosmos
    cosmosDatabaseName: cosmosDatabaseName
    cosmosMetadataReaderRoleId: cosmos.outputs.metadataReaderRoleId
    postgresServerName: names.postgres
    postgresUserSuffix: secondaryUserSuffix
    serviceBusNamespaceName: names.serviceBus
    keyVaultName: names.keyVault
    storageAccountName: names.storage
  }
}

module frontDoor 'modules/front-door.bicep' = if (secondRegion) {
  name: 'front-door'
  scope: group
  params: {
    name: names.frontDoor
    tags: tags
    originHostNames: [primary.outputs.gatewayFqdn, secondary.?outputs.gatewayFqdn ?? '']
  }
}

var gatewayUrl = secondRegion ? 'https://${frontDoor.?outputs.hostName ?? ''}' : 'https://${primary.outputs.gatewayFqdn}'

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = group.name
output AZURE_CONTAINER_REGISTRY_ENDPOINT string = registry.outputs.loginServer
output AZURE_CONTAINER_REGISTRY_NAME string = registry.outputs.name
output AZURE_CONTAINER_APPS_ENVIRONMENT_ID string = primary.outputs.environmentId
output AZURE_CONTAINER_APPS_ENVIRONMENT_NAME string = primary.outputs.environmentName
output AZURE_CONTAINER_APPS_ENVIRONMENT_DEFAULT_DOMAIN string = primary.outputs.environmentDefaultDomain
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri
output AZURE_COSMOS_ENDPOINT string = cosmos.outputs.endpoint
output AZURE_POSTGRES_HOST string = postgres.outputs.hostName
output AZURE_SERVICEBUS_NAMESPACE string = serviceBus.outputs.hostName
output DAPR_VERSION string = primary.outputs.daprVersion
output PRODUCT_SERVICE_LATEST_REVISION string = primary.outputs.productServiceLatestRevision
@description('The public entry: Front Door with a second region, else the primary gateway.')
output GATEWAY_URL string = gatewayUrl

@description('Where Entra ID sends a user back after signing in to the web site: a redirect URI of the API\'s app registration.')
output WEB_SIGN_IN_REDIRECT_URI string = '${gatewayUrl}/signin-oidc'

@description('The web site\'s user-assigned identity: the subject of the federated credential on the API\'s app registration.')
output WEB_IDENTITY_PRINCIPAL_ID string = webIdentity.principalId
