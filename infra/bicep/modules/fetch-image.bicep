// The image a container app runs now, so provisioning again keeps what `azd deploy` put there.

@description('Container app name.')
param name string

resource containerApp 'Microsoft.App/containerApps@2026-07-01' existing = {
  name: name
}

output image string = containerApp.properties.template.containers[0].image
