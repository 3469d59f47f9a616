// Cosmos DB for the state stores: one container per state.azure.cosmosdb component (its collection),
// partitioned on /partitionKey as the component writes it, with time to live on: the component writes a
// per-item ttl when asked (ttlInSeconds) and Cosmos honours it only where the container has a default TTL
// (-1: on, nothing expires unless told). Entra ID only.

@description('Account name.')
param name string

@description('Azure region of the first (write) region.')
param location string

@description('Second region, or empty for one region.')
param secondaryLocation string

@description('Tags for every resource.')
param tags object

@description('Serverless capacity (pay per request). Ignored with a second region: serverless accounts have one region.')
param serverless bool

@description('Database name.')
param databaseName string

@description('Container names, one per state store.')
param containerNames array

var multiRegion = !empty(secondaryLocation)
var useServerless = serverless && !multiRegion
var regions = multiRegion ? [location, secondaryLocation] : [location]

resource account 'Microsoft.DocumentDB/databaseAccounts@2025-04-15' = {
  name: name
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    disableLocalAuth: true
    minimalTlsVersion: 'Tls12'
    consistencyPolicy: { defaultConsistencyLevel: 'Session' }
    enableMultipleWriteLocations: multiRegion
    enableAutomaticFailover: multiRegion
    locations: [for (region, i) in regions: {
      locationName: region
      failoverPriority: i
      isZoneRedundant: false
    }]
    capabilities: useServerless ? [{ name: 'EnableServerless' }] : []
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2025-04-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: { id: databaseName }
    // Provisioned accounts share autoscale throughput across the containers (1000 RU/s at most, 100 at least).
    options: useServerless ? {} : { autoscaleSettings: { maxThroughput: 1000 } }
  }
}

resource containers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2025-04-15' = [for container in containerNames: {
  parent: database
  name: container
  properties: {
    resource: {
      id: container
      partitionKey: { paths: ['/partitionKey'], kind: 'Hash' }
      defaultTtl: -1
    }
  }
}]

// Data access is granted per container (access.bicep), but a client also reads the account's and the database's
// metadata (regions, container properties), which a container-scoped assignment does not cover: this role
// allows exactly that, account-wide, and nothing else.
resource metadataReader 'Microsoft.DocumentDB/databaseAccounts/sqlRoleDefinitions@2025-04-15' = {
  parent: account
  name: guid(account.id, 'metadata-reader')
  properties: {
    roleName: 'CloudPatterns metadata reader'
    type: 'CustomRole'
    assignableScopes: [account.id]
    permissions: [{ dataActions: ['Microsoft.DocumentDB/databaseAccounts/readMetadata'] }]
  }
}

output name string = account.name
output endpoint string = account.properties.documentEndpoint
output databaseName string = database.name
output metadataReaderRoleId string = metadataReader.id
