// One user-assigned identity per app, created before the apps so the first revision can pull its image. It
// holds AcrPull only (and, for the payment provider simulator, read access to the one secret its container
// references). Each Dapr-enabled app's component access belongs to its own system-assigned identity
// (see access.bicep): a component shared by several apps cannot name one user-assigned identity per app.

@description('The app catalogue (apps.json).')
param apps array

@description('Prefix of the identities\' names; the app id is appended.')
param namePrefix string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object

@description('Registry the apps pull from.')
param registryName string

var acrPullRoleId = '7f951dff-4ed1-467f-a2b0-4d3a2f2c1a6b'

resource registry 'Microsoft.ContainerRegistry/registries@2025-04-01' existing = {
  name: registryName
}

resource identities 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = [for app in apps: {
  name: '${namePrefix}${app.id}'
  location: location
  tags: tags
}]

resource acrPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for (app, i) in apps: {
  name: guid(registry.id, identities[i].id, acrPullRoleId)
  scope: registry
  properties: {
    principalId: identities[i].properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', acrPullRoleId)
  }
}]

@description('Per app: its id, and the identity\'s resource id, client id and principal id.')
output identities array = [for (app, i) in apps: {
  app: app.id
  id: identities[i].id
  clientId: identities[i].properties.clientId
  principalId: identities[i].properties.principalId
}]
