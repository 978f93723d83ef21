terraform {
  # cloudbuild.yaml runs hashicorp/terraform:1.11.
  required_version = ">= 1.5"

  required_providers {
    google = {
      source = "hashicorp/google"
      # 6.x: google_cloud_run_v2_job.deletion_protection and
      # google_cloudfunctions2_function.build_config.service_account exist.
      version = "~> 6.14"
    }
    random = {
      source = "hashicorp/random"
      # random_password for the first token secret (tokens.tf).
      version = "~> 3.6"
    }
    time = {
      source = "hashicorp/time"
      # time_sleep with create_duration and triggers (main.tf, iam.tf).
      version = "~> 0.13"
    }
  }

  # State lives in a bucket you create once (docs/deploy.md, First deploy), so Cloud Build and
  # people share it. The prefix is the name prefix, so two deployments in one project never share
  # state; a backend block cannot read variables, so it is passed at init (cloudbuild.yaml does):
  #   terraform init -backend-config="bucket=$PROJECT-tfstate" -backend-config="prefix=$PREFIX"
  # Provider versions are pinned by the committed .terraform.lock.hcl (docs/deploy.md).
  backend "gcs" {}
}

provider "google" {
  project = var.project_id
  region  = var.region
}
