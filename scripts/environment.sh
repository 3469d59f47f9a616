# Sourced by scripts/run and scripts/aws-provision: the environment variables a component set reads with envRef.
# load_environment TARGET reads .env.TARGET (git-ignored) when it exists, fills in LocalStack's defaults, and names
# each DynamoDB table from CLOUDPATTERNS_TABLE_PREFIX when its own variable is unset.

load_environment() {
  if [ -f "$root/.env.$1" ]; then
    set -a
    # shellcheck disable=SC1090
    . "$root/.env.$1"
    set +a
  fi

  if [ "$1" = localstack ]; then
    # LocalStack accepts any credentials; the AWS SDK inside daprd reads these from the environment.
    export AWS_ENDPOINT_URL="${AWS_ENDPOINT_URL:-http://localhost:4566}"
    export AWS_REGION="${AWS_REGION:-us-east-1}"
    export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-test}"
    export AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-test}"
    export CLOUDPATTERNS_S3_BUCKET="${CLOUDPATTERNS_S3_BUCKET:-cloudpatterns-images}"
    export CLOUDPATTERNS_S3_FORCE_PATH_STYLE="${CLOUDPATTERNS_S3_FORCE_PATH_STYLE:-true}"
    # Twilio's test number; texts fail at Twilio unless real credentials are in the secret store.
    export CLOUDPATTERNS_SMS_FROM_NUMBER="${CLOUDPATTERNS_SMS_FROM_NUMBER:-+15005550006}"
  fi

  if [ "$1" = aws ] || [ "$1" = localstack ]; then
    # CLOUDPATTERNS_TABLE_ORDER_STORE defaults to <prefix>order-store.
    for variable in $(table_variables); do
      eval "current=\${$variable:-}"
      if [ -z "$current" ]; then
        table=$(printf '%s' "${variable#CLOUDPATTERNS_TABLE_}" | tr 'A-Z_' 'a-z-')
        eval "export $variable=\"\${CLOUDPATTERNS_TABLE_PREFIX:-cloudpatterns-}$table\""
      fi
    done
  fi
}

table_variables() {
  grep -ho 'envRef: CLOUDPATTERNS_TABLE_[A-Z_]*' "$root/components/aws"/*.yaml | sed 's/envRef: //' | sort -u
}
