// The image registry. No admin user: container apps pull with their user-assigned identities (AcrPull).

@description('Registry name (alphanumeric, globally unique).')
param name string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object

resource registry 'Microsoft.ContainerRegistry/registries@2025-04-01' = {
  name: name
  location: location
  tags: tags
  sku: { name: 'Basic' }
  properties: {
    adminUserEnabled: false
    anonymousPullEnabled: false
  }
}

output name string = registry.name
output loginServer string = registry.properties.loginServer
