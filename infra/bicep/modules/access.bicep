// What each Dapr app's system-assigned identity (the identity its managed sidecar signs in with) may do,
// derived from the components scoped to it (type -> role, on the component's own resource) and from its
// Service Bus subscriptions. Nothing else grants data access to an app.

@description('The Dapr components of components/azure, normalised by main.bicep.')
param components array

@description('The app catalogue (apps.json): subscriptions and KEDA scale topics.')
param apps array

@description('The Dapr apps to grant (known before deployment).')
param appIds array

@description('Per app: its system-assigned principal (app, principalId), known once the apps exist.')
param principals array

@description('Distinguishes this region\'s grants from another region\'s (its resource group name).')
param regionKey string

@description('Cosmos DB account name.')
param cosmosAccountName string

@description('Cosmos DB database name.')
param cosmosDatabaseName string

@description('The Cosmos DB role that reads account and database metadata only (cosmos.bicep).')
param cosmosMetadataReaderRoleId string

@description('Service Bus namespace name.')
param serviceBusNamespaceName string

@description('PostgreSQL server name.')
param postgresServerName string

@description('Appended to an app id to name its PostgreSQL role, distinct per region (the connection string\'s user).')
param postgresUserSuffix string

@description('Key Vault name.')
param keyVaultName string

@description('Storage account name.')
param storageAccountName string

// The only roles a component type brings. Types missing here (e.g. SMTP or Twilio bindings) need no Azure role.
var componentRoles = {
  'state.azure.cosmosdb': '00000000-0000-0000-0000-000000000002' // Cosmos DB Built-in Data Contributor (data plane)
  'pubsub.azure.servicebus.topics': '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39' // Azure Service Bus Data Sender
  'secretstores.azure.keyvault': '4633458b-17de-408a-b874-0445c86b69e6' // Key Vault Secrets User
  'bindings.azure.blobstorage': 'ba92f5b4-2d11-453d-a403-e96b0029c9fe' // Storage Blob Data Contributor
  // An Entra ID administrator of the server, the only role a deployment can create without running SQL on it.
  'state.postgresql': 'postgresql-entra-administrator'
}

// On each of the app's own subscriptions: receive; or, where KEDA scales on it, Data Owner, because the
// scaler reads the subscription's message count through the management API, which needs Manage (KEDA's
// azure-servicebus scaler; microsoft/azure-container-apps#1138).
var subscriptionRoles = {
  receive: '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0' // Azure Service Bus Data Receiver
  scale: '090c5cfd-751d-490a-894a-3ce6f1109419' // Azure Service Bus Data Owner
}

var principalOf = toObject(principals, e => e.app, e => e.principalId)
var grantedApps = filter(apps, app => contains(appIds, app.id))

func metadataValue(component object, name string) string =>
  first(filter(component.metadata, m => m.name == name)).value

func grants(components array, type string, appIds array) array =>
  flatten(map(filter(components, c => c.type == type), c => map(filter(c.scopes, a => contains(appIds, a)), a => {
    app: a
    component: c
  })))

var cosmosGrants = grants(components, 'state.azure.cosmosdb', appIds)
var senderGrants = grants(components, 'pubsub.azure.servicebus.topics', appIds)
var vaultGrants = grants(components, 'secretstores.azure.keyvault', appIds)
var blobGrants = grants(components, 'bindings.azure.blobstorage', appIds)
var postgresGrants = grants(components, 'state.postgresql', appIds)
var subscriptionGrants = flatten(map(grantedApps, app => map(app.subscriptions, topic => {
  app: app.id
  topic: topic
  role: contains(app.scaleOn, topic) ? subscriptionRoles.scale : subscriptionRoles.receive
})))

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2025-04-15' existing = {
  name: cosmosAccountName
}

resource serviceBus 'Microsoft.ServiceBus/namespaces@2026-01-01' existing = {
  name: serviceBusNamespaceName
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2025-08-01' existing = {
  name: postgresServerName
}

resource vault 'Microsoft.KeyVault/vaults@2026-05-15' existing = {
  name: keyVaultName
}

// Cosmos DB data-plane roles are scoped as tightly as Cosmos allows: the one container of the store.
resource cosmosAccess 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2025-04-15' = [for g in cosmosGrants: {
  parent: cosmos
  name: guid(cosmos.id, '${regionKey}/${g.app}', metadataValue(g.component, 'collection'))
  properties: {
    principalId: principalOf[g.app]
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/${componentRoles['state.azure.cosmosdb']}'
    scope: '${cosmos.id}/dbs/${cosmosDatabaseName}/colls/${metadataValue(g.component, 'collection')}'
  }
}]

// Metadata only, account-wide: what a client reads besides its container (regions, database, container properties).
resource cosmosMetadataAccess 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2025-04-15' = [for app in union(map(cosmosGrants, g => g.app), []): {
  parent: cosmos
  name: guid(cosmos.id, '${regionKey}/${app}', 'metadata')
  properties: {
    principalId: principalOf[app]
    roleDefinitionId: cosmosMetadataReaderRoleId
    scope: cosmos.id
  }
}]

// Publishing (and dead-lettering, and the outbox's internal topic) on any topic of the namespace.
resource senderAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for g in senderGrants: {
  name: guid(serviceBus.id, '${regionKey}/${g.app}', componentRoles[g.component.type])
  scope: serviceBus
  properties: {
    principalId: principalOf[g.app]
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', componentRoles[g.component.type])
  }
}]

resource subscriptions 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2026-01-01' existing = [for g in subscriptionGrants: {
  name: '${serviceBusNamespaceName}/${g.topic}/${g.app}'
}]

resource subscriptionAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for (g, i) in subscriptionGrants: {
  name: guid(subscriptions[i].id, '${regionKey}/${g.app}', g.role)
  scope: subscriptions[i]
  properties: {
    principalId: principalOf[g.app]
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', g.role)
  }
}]

resource vaultAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for g in vaultGrants: {
  name: guid(vault.id, '${regionKey}/${g.app}', componentRoles[g.component.type])
  scope: vault
  properties: {
    principalId: principalOf[g.app]
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', componentRoles[g.component.type])
  }
}]

resource blobContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' existing = [for g in blobGrants: {
  name: '${storageAccountName}/default/${metadataValue(g.component, 'containerName')}'
}]

resource blobAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for (g, i) in blobGrants: {
  name: guid(blobContainers[i].id, '${regionKey}/${g.app}', componentRoles[g.component.type])
  scope: blobContainers[i]
  properties: {
    principalId: principalOf[g.app]
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', componentRoles[g.component.type])
  }
}]

// The role is named after the app (the user of its connection string, main.bicep); the server takes one
// administrator change at a time.
@batchSize(1)
resource postgresAccess 'Microsoft.DBforPostgreSQL/flexibleServers/administrators@2025-08-01' = [for g in union(map(postgresGrants, g => g.app), []): {
  parent: postgres
  name: principalOf[g]
  properties: {
    principalType: 'ServicePrincipal'
    principalName: '${g}${postgresUserSuffix}'
    tenantId: subscription().tenantId
  }
}]
