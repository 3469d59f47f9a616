// Azure Database for PostgreSQL (flexible server) for the two outbox stores (order-store, shipping-store): the
// Dapr outbox reads its marker back with a plain get, which Cosmos DB looks for in the wrong partition
// (dapr/dapr#8587; see docs/components.md). Entra ID authentication only: no password exists.

@description('Server name (globally unique).')
param name string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object

@description('Database name.')
param databaseName string

resource server 'Microsoft.DBforPostgreSQL/flexibleServers@2025-08-01' = {
  name: name
  location: location
  tags: tags
  sku: { name: 'Standard_B1ms', tier: 'Burstable' }
  properties: {
    version: '16'
    storage: { storageSizeGB: 32 }
    authConfig: {
      activeDirectoryAuth: 'Enabled'
      passwordAuth: 'Disabled'
      tenantId: subscription().tenantId
    }
    network: { publicNetworkAccess: 'Enabled' }
    highAvailability: { mode: 'Disabled' }
    backup: { backupRetentionDays: 7, geoRedundantBackup: 'Disabled' }
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2025-08-01' = {
  parent: server
  name: databaseName
  properties: { charset: 'UTF8', collation: 'en_US.utf8' }
}

// Container Apps' consumption environments have no fixed outbound addresses: allow connections from Azure only
// (the 0.0.0.0 rule), every one of which still needs an Entra ID token for a role on this server.
resource azureServices 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2025-08-01' = {
  parent: server
  name: 'AllowAllAzureServicesAndResourcesWithinAzureIps'
  properties: { startIpAddress: '0.0.0.0', endIpAddress: '0.0.0.0' }
}

output name string = server.name
output hostName string = server.properties.fullyQualifiedDomainName
output databaseName string = database.name
