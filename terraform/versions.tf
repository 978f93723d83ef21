terraform {
  required_version = ">= 1.5"

  required_providers {
    google = {
      source = "hashicorp/google"
      # 6.x: google_cloud_run_v2_job.deletion_protection and
      # google_cloudfunctions2_function.build_config.service_account exist.
      version = "~> 6.14"
    }
  }

  # State lives in a bucket you create once (see README.md (Deploying to Google Cloud)), so Cloud Build and people share it:
  #   terraform init -backend-config="bucket=$PROJECT-tfstate"
  backend "gcs" {
    prefix = "alike"
  }
}

provider "google" {
  project = var.project_id
  region  = var.region
}
