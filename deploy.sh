#!/usr/bin/env bash
# First deploy of alike into a Google Cloud project, in one command (docs/deploy.md):
#
#   ./deploy.sh --project P --region R [--prefix alike] [--settings FILE] [--tag TAG]
#
# Each step first looks at what exists and does only what is missing, so a rerun after a failure
# continues where it stopped and a rerun on a deployed project changes nothing. Needs gcloud
# (signed in, with application-default credentials), terraform >= 1.5, Java 17 and Maven.
set -euo pipefail

usage() {
  echo "usage: $0 --project PROJECT --region REGION [--prefix PREFIX] [--settings FILE] [--tag TAG]" >&2
  echo "  --settings  Terraform settings (.tfvars) uploaded on the first deploy; default: project_id," >&2
  echo "              region and name_prefix only (terraform/variables.tf has every other default)" >&2
  echo "  --tag       names the function zip and the job image; default: git rev-parse --short HEAD" >&2
  exit 2
}

project="" region="" prefix="alike" settings="" tag=""
while [ $# -gt 0 ]; do
  case "$1" in
    --project) project="${2:-}"; shift 2 ;;
    --region) region="${2:-}"; shift 2 ;;
    --prefix) prefix="${2:-}"; shift 2 ;;
    --settings) settings="${2:-}"; shift 2 ;;
    --tag) tag="${2:-}"; shift 2 ;;
    -h|--help) usage ;;
    *) echo "deploy.sh: unknown argument $1" >&2; usage ;;
  esac
done
[ -n "$project" ] && [ -n "$region" ] || usage

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

step() { echo "== $*"; }
skip() { echo "   already done: $*"; }
die() {
  echo "deploy.sh: $*" >&2
  exit 1
}

# terraform/variables.tf allows 4-18 characters (service account ids have 30 at most).
[[ "$prefix" =~ ^[a-z][a-z0-9-]{2,16}[a-z0-9]$ ]] ||
  die "--prefix $prefix: 4-18 characters of a-z, 0-9 and '-', starting with a letter"
if [ -z "$tag" ]; then
  tag="$(git rev-parse --short HEAD 2>/dev/null)" || die "not a git checkout: pass --tag"
fi
if [ -n "$settings" ] && [ ! -f "$settings" ]; then die "--settings $settings: no such file"; fi

state_bucket="$project-tfstate"
settings_object="gs://$state_bucket/settings/$prefix.tfvars"
artifacts_bucket="$project-$prefix-artifacts"
function_zip="function-source/$tag.zip"
job_image="$region-docker.pkg.dev/$project/$prefix-images/alike-job:$tag"

step "preconditions"
for tool in gcloud terraform mvn; do
  command -v "$tool" >/dev/null || die "$tool is not on PATH (docs/deploy.md, First deploy: what you need)"
done
account="$(gcloud auth list --filter=status:ACTIVE --format='value(account)' 2>/dev/null | head -n1)"
[ -n "$account" ] || die "gcloud is not signed in: gcloud auth login"
gcloud auth application-default print-access-token >/dev/null 2>&1 ||
  die "no application-default credentials (Terraform and Jib use them): gcloud auth application-default login"
number="$(gcloud projects describe "$project" --format='value(projectNumber)' 2>/dev/null)" ||
  die "project $project does not exist or $account may not see it"
billing="$(gcloud billing projects describe "$project" --format='value(billingEnabled)' 2>/dev/null || true)"
[ "$billing" = "True" ] || die "billing is not enabled on $project (or $account may not see it): gcloud billing projects link $project --billing-account=ACCOUNT"
# Terraform grants roles to the service accounts it creates: the caller needs setIamPolicy on the
# project, which Owner and Project IAM Admin hold.
if [ "${DEPLOY_ASSUME_IAM_ADMIN:-}" != "1" ]; then
  roles="$(gcloud projects get-iam-policy "$project" --flatten='bindings[].members' \
    --filter="bindings.members:$account" --format='value(bindings.role)' 2>/dev/null || true)"
  grep -qxE 'roles/(owner|resourcemanager\.projectIamAdmin)' <<<"$roles" ||
    die "$account holds neither roles/owner nor roles/resourcemanager.projectIamAdmin directly on $project, so Terraform cannot grant roles. If it holds one through a group or folder, rerun with DEPLOY_ASSUME_IAM_ADMIN=1"
fi
echo "   $account on $project ($number), billing enabled, may grant IAM; tag $tag"

step "foundation APIs (Terraform needs them to read the project and enable the rest) and Pub/Sub"
enabled="$(gcloud services list --enabled --project "$project" --format='value(config.name)')"
missing=()
for api in cloudresourcemanager.googleapis.com serviceusage.googleapis.com pubsub.googleapis.com; do
  grep -qx "$api" <<<"$enabled" || missing+=("$api")
done
if [ ${#missing[@]} -gt 0 ]; then
  gcloud services enable "${missing[@]}" --project "$project"
else
  skip "enabled"
fi

step "Pub/Sub service agent (terraform/events.tf grants roles to it; a new project may lack it)"
agent="service-$number@gcp-sa-pubsub.iam.gserviceaccount.com"
if gcloud projects get-iam-policy "$project" --format=json | grep -q "serviceAccount:$agent"; then
  skip "$agent"
else
  gcloud beta services identity create --service=pubsub.googleapis.com --project "$project"
fi

step "state bucket gs://$state_bucket, versioned"
if ! versioning="$(gcloud storage buckets describe "gs://$state_bucket" --format='value(versioning_enabled)' 2>/dev/null)"; then
  gcloud storage buckets create "gs://$state_bucket" --project "$project" --location "$region" \
    --uniform-bucket-level-access --public-access-prevention
  versioning=""
fi
if [ "$versioning" = "True" ]; then
  skip "versioning on"
else
  gcloud storage buckets update "gs://$state_bucket" --versioning
fi

step "settings $settings_object"
if gcloud storage objects describe "$settings_object" >/dev/null 2>&1; then
  skip "present (edit it with gcloud storage cp; docs/deploy.md, Settings)"
  [ -z "$settings" ] || echo "   --settings $settings ignored: the object already exists"
else
  file="$(mktemp)"
  if [ -n "$settings" ]; then
    cp "$settings" "$file"
  else
    printf 'project_id  = "%s"\nregion      = "%s"\nname_prefix = "%s"\n' "$project" "$region" "$prefix" >"$file"
  fi
  gcloud storage cp "$file" "$settings_object"
  rm -f "$file"
fi
gcloud storage cp "$settings_object" terraform/terraform.tfvars >/dev/null

step "terraform init (state gs://$state_bucket/$prefix/)"
backend=(-backend-config="bucket=$state_bucket" -backend-config="prefix=$prefix")
if [ -f terraform/.terraform.lock.hcl ]; then
  terraform -chdir=terraform init -input=false -reconfigure -lockfile=readonly "${backend[@]}"
else
  terraform -chdir=terraform init -input=false -reconfigure "${backend[@]}"
  terraform -chdir=terraform providers lock \
    -platform=linux_amd64 -platform=darwin_arm64 -platform=darwin_amd64 -platform=windows_amd64
  echo "   wrote terraform/.terraform.lock.hcl: commit it (Cloud Build inits with -lockfile=readonly)"
fi

vars=(-var "project_id=$project" -var "region=$region" -var "name_prefix=$prefix" -var "state_bucket=$state_bucket")

step "bootstrap: APIs, the artifacts bucket and the image repository"
if gcloud storage buckets describe "gs://$artifacts_bucket" >/dev/null 2>&1 &&
  gcloud artifacts repositories describe "$prefix-images" --project "$project" --location "$region" >/dev/null 2>&1; then
  skip "gs://$artifacts_bucket and $prefix-images exist"
else
  terraform -chdir=terraform apply -input=false -auto-approve -lock-timeout=20m "${vars[@]}" \
    -target=google_storage_bucket.artifacts -target=google_artifact_registry_repository.images
fi

step "build and push: gs://$artifacts_bucket/$function_zip and $job_image"
if gcloud storage objects describe "gs://$artifacts_bucket/$function_zip" >/dev/null 2>&1 &&
  gcloud artifacts docker images describe "$job_image" >/dev/null 2>&1; then
  skip "both exist"
else
  mvn -B -Pfunction-zip,cloud-function verify
  gcloud storage cp target/alike-function-source.zip "gs://$artifacts_bucket/$function_zip"
  mvn -B compile jib:build "-Djib.to.image=$job_image"
fi
if grep -qE '^[[:space:]]*build_engine[[:space:]]*=[[:space:]]*"dataflow"' terraform/terraform.tfvars; then
  dataflow_image="$region-docker.pkg.dev/$project/$prefix-images/alike-dataflow:$tag"
  if gcloud artifacts docker images describe "$dataflow_image" >/dev/null 2>&1; then
    skip "$dataflow_image exists"
  else
    mvn -B -Pdataflow compile jib:build -Djib.container.mainClass=dev.alike.beam.BeamMain "-Djib.to.image=$dataflow_image"
  fi
  vars+=(-var "dataflow_job_image=$dataflow_image")
fi

step "apply everything at $tag"
deployed="$(terraform -chdir=terraform output -raw deployed_build 2>/dev/null || true)"
if [ "$deployed" = "$job_image $function_zip" ]; then
  skip "$tag is deployed (a changed setting is applied by the next Cloud Build run)"
else
  terraform -chdir=terraform apply -input=false -auto-approve -lock-timeout=20m "${vars[@]}" \
    -var "deploy_order=$(($(date +%s) * 1000))" -var "job_image=$job_image" -var "function_source_object=$function_zip"
fi

url="$(terraform -chdir=terraform output -raw function_url)"
echo
echo "Function: $url"
echo "First request (private function; with public_function = true drop the header):"
echo "  curl -H \"Authorization: Bearer \$(gcloud auth print-identity-token)\" \"$url/healthz\""
echo "It answers 503 \"no model loaded\" until the first build: upload events to"
echo "gs://$project-$prefix-events/events/, then gcloud run jobs execute $prefix-build --region $region --wait"
