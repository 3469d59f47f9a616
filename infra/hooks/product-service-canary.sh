#!/bin/sh
# azd postdeploy hook of product-service (Container Apps, multiple-revision mode). `azd deploy` gives the revision
# it just created 100 % of the traffic; this puts the stable revision back at (100 - CLOUDPATTERNS_PRODUCT_CANARY_PERCENT) %
# and labels both, so a new build is a canary until promoted. The first deployment simply becomes the stable one.
#   promote:  infra/hooks/product-service-canary.sh promote   (the latest revision becomes stable, 100 %)
# Needs the Azure CLI with the containerapp extension; without it product-service keeps 100 % on the latest revision.
set -eu

app=product-service
group="${AZURE_RESOURCE_GROUP:?run through azd, or set AZURE_RESOURCE_GROUP}"
percent="${CLOUDPATTERNS_PRODUCT_CANARY_PERCENT:-20}"

if ! command -v az >/dev/null 2>&1; then
  echo "Azure CLI not found: $app keeps all traffic on its latest revision (see docs/deploy-azure.md, Canary)."
  exit 0
fi

latest=$(az containerapp show -g "$group" -n "$app" --query properties.latestRevisionName -o tsv)
stable=$(azd env get-value CLOUDPATTERNS_PRODUCT_STABLE_REVISION 2>/dev/null || true)

if [ "${1:-}" = "promote" ] || [ -z "$stable" ] || [ "$stable" = "$latest" ] || [ "$percent" -eq 0 ]; then
  az containerapp ingress traffic set -g "$group" -n "$app" --revision-weight "$latest=100" >/dev/null
  az containerapp revision label add -g "$group" -n "$app" --label stable --revision "$latest" --yes >/dev/null
  azd env set CLOUDPATTERNS_PRODUCT_STABLE_REVISION "$latest"
  echo "$app: $latest is stable and takes all traffic."
  exit 0
fi

az containerapp ingress traffic set -g "$group" -n "$app" \
  --revision-weight "$stable=$((100 - percent))" "$latest=$percent" >/dev/null
az containerapp revision label add -g "$group" -n "$app" --label stable --revision "$stable" --yes >/dev/null
az containerapp revision label add -g "$group" -n "$app" --label canary --revision "$latest" --yes >/dev/null
echo "$app: stable $stable takes $((100 - percent)) %, canary $latest takes $percent % (promote with: $0 promote)."
