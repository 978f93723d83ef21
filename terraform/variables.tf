# ---- where ----

variable "project_id" {
  description = "Google Cloud project that holds everything."
  type        = string
}

variable "region" {
  description = "Region of the function, the job, the scheduler, the buckets and the image repository."
  type        = string
  default     = "europe-west1"
}

variable "name_prefix" {
  description = "Prefix of every resource name (service accounts, buckets, function, job); lower case."
  type        = string
  default     = "alike"

  validation {
    # Service account ids allow 6-30 chars; the longest suffix used is "-events-push" (12).
    # .ci/terraform-check compares this bound with every account id.
    condition     = can(regex("^[a-z][a-z0-9-]{2,16}[a-z0-9]$", var.name_prefix))
    error_message = "name_prefix must be 4-18 chars of a-z, 0-9 and '-', starting with a letter."
  }
}

variable "firestore_database" {
  description = "Firestore database id. \"(default)\" gets Firestore's free daily quota; named databases do not."
  type        = string
  default     = "(default)"
}

variable "firestore_location" {
  description = "Firestore location (a region such as europe-west1, or a multi-region such as eur3/nam5) when the database is created; null = var.region. Later changes are ignored: a database cannot move."
  type        = string
  default     = null
}

variable "create_firestore_database" {
  description = "Create the Firestore database. false: use an existing one of that id (Firebase and App Engine projects already have \"(default)\"; it must be in Native mode)."
  type        = bool
  default     = true
}

variable "allow_destroy_data" {
  description = "When true, terraform destroy deletes the Firestore database and non-empty buckets. Keep false in production."
  type        = bool
  default     = false
}

# ---- what to run (set by cloudbuild.yaml per build) ----

variable "job_image" {
  description = "Container image of the batch job, e.g. REGION-docker.pkg.dev/PROJECT/PREFIX-images/alike-job:BUILD_ID."
  type        = string
  default     = ""
}

variable "function_source_object" {
  description = "Object in the artifacts bucket holding the function source zip, e.g. function-source/BUILD_ID.zip; a new name redeploys."
  type        = string
  default     = ""
}

variable "deploy_order" {
  description = "Start time (ms since the epoch) of the build being applied; a plan fails when a later-started build was already applied (deploy.tf). null skips the check."
  type        = number
  default     = null
}

# ---- the batch job ----

variable "schedule" {
  description = "Cron schedule (Cloud Scheduler syntax) of the model build."
  type        = string
  default     = "0 3 * * *"
}

variable "schedule_time_zone" {
  description = "Time zone of the schedule (tz database name)."
  type        = string
  default     = "Etc/UTC"
}

variable "events_max_delivery_attempts" {
  description = "Deliveries of a real-time events message the push handler refused before it goes to the dead-letter topic (5-100)."
  type        = number
  default     = 5

  validation {
    condition     = var.events_max_delivery_attempts >= 5 && var.events_max_delivery_attempts <= 100
    error_message = "events_max_delivery_attempts must be within 5-100 (Pub/Sub's range)."
  }
}

variable "events_prefix" {
  description = "Object prefix inside the events bucket where the shop uploads event files."
  type        = string
  default     = "events/"
}

variable "catalog_object" {
  description = "Optional catalog file inside the events bucket (e.g. catalog/catalog.csv); null = no catalog."
  type        = string
  default     = null
}

variable "job_cpu" {
  description = "vCPUs of the batch job's container."
  type        = string
  default     = "2"
}

variable "job_memory" {
  description = "Memory limit of the batch job's container (the JVM heap takes 75% of it)."
  type        = string
  default     = "4Gi"
}

variable "job_timeout" {
  description = "Maximum run time of one attempt of the batch job, in seconds (\"3600s\"); with build_engine = dataflow the pipeline is cancelled 5 minutes before it."
  type        = string
  default     = "3600s"

  validation {
    condition     = can(regex("^[0-9]+s$", var.job_timeout))
    error_message = "job_timeout must be whole seconds such as \"3600s\"."
  }
}

variable "job_max_retries" {
  description = "Retries of a failed attempt; a rerun overwrites the unfinished version, so retries are safe. build_engine = dataflow never retries (dataflow.tf)."
  type        = number
  default     = 1
}

# Model settings: null leaves the setting to the job's own default (see docs/job.md).
variable "model_k" {
  description = "Neighbours kept per SKU (ALIKE_K); null = the job's default."
  type        = number
  default     = null
}

variable "model_similarity" {
  description = "Item similarity, e.g. ease:100:30 (shop data's best), tfidf (fastest build) or cosine (ALIKE_SIMILARITY); null = the job's default, ease."
  type        = string
  default     = null
}

variable "model_weights" {
  description = "Event-type weights (ALIKE_WEIGHTS, format as in docs/job.md); null = the job's default."
  type        = string
  default     = null
}

variable "model_half_life" {
  description = "Half-life of event weights (ALIKE_HALF_LIFE, format as in docs/job.md); null = the job's default."
  type        = string
  default     = null
}

variable "model_max_skus_per_customer" {
  description = "Cap on SKUs kept per customer profile (ALIKE_MAX_SKUS_PER_CUSTOMER); null = the job's default."
  type        = number
  default     = null
}

variable "model_max_reverse" {
  description = "Cap on a SKU's reverse list (ALIKE_MAX_REVERSE); null = the job's default."
  type        = number
  default     = null
}

variable "model_max_rejected" {
  description = "Malformed event lines tolerated before a run fails (ALIKE_MAX_REJECTED); null = the job's default."
  type        = number
  default     = null
}

variable "keep_versions" {
  description = "Model versions kept in Firestore for rollback (ALIKE_KEEP_VERSIONS); null = the job's default."
  type        = number
  default     = null
}

# ---- the function ----

variable "public_function" {
  description = "true: anyone may call the function (a shop front end calling it from browsers). false: only function_invokers."
  type        = bool
  default     = false
}

variable "require_customer_token" {
  description = "true: GET/POST /recommendations with customer=C needs a signed token for C (ALIKE_REQUIRE_TOKEN; docs/function.md \"Signed customer tokens\"). null: true exactly when public_function is true."
  type        = bool
  default     = null
}

variable "catalog_writes" {
  description = "true: POST /catalog on the recommendations function records catalog updates (ALIKE_CATALOG_WRITES; docs/function.md \"Catalog updates\"), and the function's service account gets write access to the database (roles/datastore.user beside datastore.viewer). false: the function only reads the model; record updates with alike catalog-update."
  type        = bool
  default     = false
}

variable "token_secret_version" {
  description = "Secret Manager version of the current token secret (ALIKE_TOKEN_SECRET): \"latest\" or a version number."
  type        = string
  default     = "latest"
}

variable "token_previous_secret_version" {
  description = "During a rotation, the version number of the previous token secret, still accepted (ALIKE_TOKEN_SECRET_PREVIOUS); null otherwise."
  type        = string
  default     = null
}

variable "function_invokers" {
  description = "IAM members allowed to call a private function, e.g. [\"serviceAccount:backend@p.iam.gserviceaccount.com\"]."
  type        = list(string)
  default     = []
}

variable "allowed_origins" {
  description = "Origins allowed by CORS (ALIKE_ALLOWED_ORIGINS), e.g. [\"https://shop.example\"]; empty = no browser origin."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for o in var.allowed_origins : can(regex("^https?://[^/]+$", o))])
    error_message = "Each allowed origin must look like https://host[:port], without a path or trailing slash."
  }
}

variable "function_memory" {
  description = "Memory of one function instance."
  type        = string
  default     = "1Gi"
}

variable "function_cpu" {
  description = "vCPUs of one function instance; concurrency above 1 needs at least 1."
  type        = string
  default     = "1"
}

variable "function_min_instances" {
  description = "Instances kept warm (0 = scale to zero; 1 avoids JVM cold starts for a price)."
  type        = number
  default     = 0
}

variable "function_max_instances" {
  description = "Upper bound on instances: caps cost and Firestore read rate under a traffic spike."
  type        = number
  default     = 10
}

variable "function_concurrency" {
  description = "Requests one instance serves at once; the function is thread-safe and waits mostly on Firestore."
  type        = number
  default     = 40

  validation {
    condition     = var.function_concurrency > 1 && var.function_concurrency <= 1000
    error_message = "function_concurrency must be in 2..1000."
  }
}

variable "function_timeout_seconds" {
  description = "Request timeout of the function."
  type        = number
  default     = 30
}

variable "function_cache_skus" {
  description = "SKU documents the function caches in memory (ALIKE_CACHE_SKUS); null = the function's default."
  type        = number
  default     = null
}

variable "function_similar_max_age" {
  description = "Browser cache max-age in seconds for similar-product answers (ALIKE_SIMILAR_MAX_AGE); null = the function's default."
  type        = number
  default     = null
}

variable "placements" {
  description = "gs://bucket/object of the placements file and its experiments (ALIKE_PLACEMENTS; docs/function.md, docs/experiments.md); the function may read objects of that bucket, the job that object alone (an IAM condition: the bucket needs uniform bucket-level access, as the events bucket has). null = no placements."
  type        = string
  default     = null
  validation {
    condition     = var.placements == null || can(regex("^gs://[^/]+/.+", var.placements))
    error_message = "placements must be a gs://bucket/object URI."
  }
}

# ---- deployment ----

variable "create_deployer" {
  description = "Create the service account Cloud Build runs as, with the roles it needs to apply this configuration."
  type        = bool
  default     = true
}

variable "state_bucket" {
  description = "Bucket holding the Terraform state and the build's settings (the -backend-config bucket); null = PROJECT-tfstate."
  type        = string
  default     = null
}

variable "source_retention_days" {
  description = "Days function source zips, staged build sources and job images are kept (the newest keep_images images are always kept)."
  type        = number
  default     = 90

  validation {
    condition     = var.source_retention_days >= 7
    error_message = "source_retention_days must be at least 7."
  }
}

variable "keep_images" {
  description = "Newest job images kept in the image repository whatever their age."
  type        = number
  default     = 10

  validation {
    condition     = var.keep_images >= 2
    error_message = "keep_images must be at least 2 (the deployed image and the one before it)."
  }
}

variable "ga4_dataset" {
  description = "The BigQuery dataset GA4's BigQuery link writes (analytics_<property id>), in var.project_id; null = no GA4 export (ga4.tf, docs/events.md)."
  type        = string
  default     = null
}

variable "ga4_customer" {
  description = "GA4 events: the id columns tried for the customer (ALIKE_GA4_CUSTOMER, e.g. user_pseudo_id); null = user_id, else user_pseudo_id."
  type        = string
  default     = null
}

variable "ga4_events" {
  description = "GA4 events: what each event name counts as (ALIKE_GA4_EVENTS, docs/events.md); null = view_item=browse,add_to_cart=cart,purchase=purchase."
  type        = string
  default     = null
}

variable "ga4_variant_separator" {
  description = "GA4 events: SKU = item_id + this + item_variant when set (ALIKE_GA4_VARIANT_SEPARATOR); null = item_id alone."
  type        = string
  default     = null
}

variable "ga4_location" {
  description = "Location of var.ga4_dataset (e.g. US, EU): the scheduled query runs there."
  type        = string
  default     = "US"
}

variable "ga4_export_schedule" {
  description = "When the GA4 export runs (BigQuery Data Transfer schedule syntax, UTC)."
  type        = string
  default     = "every day 12:00"
}

variable "ga4_export_days" {
  description = "Days exported on every run, ending yesterday: GA4 updates a daily table for up to 72 hours."
  type        = number
  default     = 3

  validation {
    condition     = var.ga4_export_days >= 1 && var.ga4_export_days <= 30 && floor(var.ga4_export_days) == var.ga4_export_days
    error_message = "ga4_export_days must be a whole number from 1 to 30."
  }
}

variable "ga4_export_event_names" {
  description = "GA4 event names exported; keep them those the build takes (ALIKE_GA4_EVENTS, default view_item, add_to_cart, purchase)."
  type        = list(string)
  default     = ["view_item", "add_to_cart", "purchase"]

  validation {
    condition     = alltrue([for n in var.ga4_export_event_names : can(regex("^[A-Za-z0-9_]+$", n))])
    error_message = "GA4 event names are letters, digits and underscores."
  }
}
