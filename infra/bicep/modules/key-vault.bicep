// Key Vault with Azure RBAC: every secret an app reads. The provisioning tool (tools/KeyVaultSecrets, an azd
// postprovision hook) creates what is missing; the deploying user may manage secrets, apps may only read.

@description('Vault name.')
param name string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object

@description('The deploying user or principal (azd\'s AZURE_PRINCIPAL_ID), allowed to manage secrets; empty for none.')
param deployerPrincipalId string

@description('The deploying principal\'s type.')
@allowed(['User', 'ServicePrincipal', 'Group'])
param deployerPrincipalType string

@description('Create the payment provider simulator\'s API key (first provisioning with the simulator only; later runs keep it).')
param createSimulatorKey bool

@description('The simulator key\'s value when it is created.')
@secure()
param simulatorKey string

@description('Principal ids allowed to read the payment provider key through a Container Apps secret reference.')
param simulatorKeyReaders array

var secretsOfficerRoleId = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
var secretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'
var paymentProviderKeyName = 'payment-provider-api-key'

resource vault 'Microsoft.KeyVault/vaults@2026-05-15' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource deployerAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  name: guid(vault.id, deployerPrincipalId, secretsOfficerRoleId)
  scope: vault
  properties: {
    principalId: deployerPrincipalId
    principalType: deployerPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsOfficerRoleId)
  }
}

// The simulator stands for a third party that issues the key. Its container reads the key through a Key Vault
// reference, which must resolve when the app is created, before any azd hook runs; so the first provisioning
// creates it here, and the tool (which never overwrites) leaves it be.
resource simulatorKeySecret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' = if (createSimulatorKey) {
  parent: vault
  name: paymentProviderKeyName
  properties: {
    value: simulatorKey
    contentType: 'generated at first provisioning for the payment provider simulator'
  }
}

resource paymentProviderKey 'Microsoft.KeyVault/vaults/secrets@2026-05-15' existing = {
  parent: vault
  name: paymentProviderKeyName
}

resource simulatorKeyAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for principalId in simulatorKeyReaders: {
  name: guid(vault.id, paymentProviderKeyName, principalId, secretsUserRoleId)
  scope: paymentProviderKey
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsUserRoleId)
  }
  dependsOn: [simulatorKeySecret]
}]

output name string = vault.name
output uri string = vault.properties.vaultUri
@description('The payment provider key\'s versionless URL, for Container Apps secret references.')
output paymentProviderKeyUrl string = '${vault.properties.vaultUri}secrets/${paymentProviderKeyName}'
