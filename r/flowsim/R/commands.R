# run, compare, sweep and validate: the flowsim commands, their result files
# as data frames. 'out' keeps the files in that directory (else a temporary
# one is used and removed); 'overwrite' replaces results already there.

# Runs `flowsim COMMAND ARGS --out DIR --quiet` and returns read(DIR).
with_outputs <- function(command, args, out, overwrite, read) {
  dir <- if (is.null(out)) tempfile("flowsim-") else out
  if (is.null(out)) on.exit(unlink(dir, recursive = TRUE), add = TRUE)
  call_flowsim(command, c(args, "--out", dir, "--quiet", if (overwrite) "--overwrite"))
  read(dir)
}

#' flowsim run: a list of data frames summary (summary.csv's rows of the
#' whole measured run, period "all"), periods (its rows of each period of a
#' multi-year run, period giving the label: "2016/17", "year 2"; no rows for a
#' single period), replications (tidy), occupancy (with the capacity in force;
#' NA without a bed limit), occupancy_distribution (time-weighted P(N = n) per unit and its
#' delay curve), delayed, series (each replication's daily series, with
#' series = TRUE, as --series), events (the event log of the replications in
#' event_log, e.g. c(0, 3, 7), as --event-log 0,3,7), and info (run.json,
#' when jsonlite is installed).
run <- function(scenario, overlays = character(), replications = NULL, seed = NULL,
                threads = NULL, out = NULL, overwrite = FALSE, series = FALSE,
                event_log = NULL) {
  args <- c(scenario, common_args(replications, seed, threads, as.list(overlays)),
            if (series) "--series",
            if (!is.null(event_log)) paste0("--event-log=", paste(format(event_log, scientific = FALSE),
                                                                  collapse = ",")))
  with_outputs("run", args, out, overwrite, function(dir) {
    summary <- read_result(dir, "summary.csv")
    whole_run <- summary$period == "all"
    list(summary = reset_rows(summary[whole_run, ]),
         periods = reset_rows(summary[!whole_run, ]),
         replications = read_result(dir, "replications.csv"),
         occupancy = read_result(dir, "occupancy.csv"),
         occupancy_distribution = read_result(dir, "occupancy_distribution.csv"),
         delayed = read_result(dir, "delayed.csv"),
         series = if (series) read_result(dir, "series.csv") else NULL,
         events = if (!is.null(event_log)) read_result(dir, "events.csv") else NULL,
         info = read_info(dir))
  })
}

#' flowsim compare: 'variants' is a list; each element is one variant, the
#' base with those overlay files (a character vector) applied together.
#' A list of data frames table (compare.csv) and replications, and info.
compare <- function(base, variants, replications = NULL, seed = NULL, threads = NULL,
                    out = NULL, overwrite = FALSE) {
  args <- c(base, common_args(replications, seed, threads, as.list(variants)))
  with_outputs("compare", args, out, overwrite, function(dir) {
    list(table = read_result(dir, "compare.csv"),
         replications = read_result(dir, "replications.csv"),
         info = read_info(dir))
  })
}

#' flowsim sweep on a sweep file: a list of data frames results
#' (sweep_results.csv, tidy) and summary (sweep_summary.csv).
sweep <- function(sweep_file, overlays = character(), replications = NULL, seed = NULL,
                  threads = NULL, out = NULL, overwrite = FALSE) {
  args <- c(sweep_file, common_args(replications, seed, threads, as.list(overlays)))
  with_outputs("sweep", args, out, overwrite, function(dir) {
    list(results = read_result(dir, "sweep_results.csv"),
         summary = read_result(dir, "sweep_summary.csv"))
  })
}

#' flowsim validate: stops with every error (file, line, column, key) when
#' the scenario is invalid; else a data frame of the traffic equations'
#' arrivals per day and offered load by unit, and each unit's capacity (NA
#' when unlimited).
validate <- function(scenario, overlays = character()) {
  lines <- call_flowsim("validate", c(scenario, common_args(NULL, NULL, NULL, as.list(overlays))))
  header <- grep("^unit ", lines)
  rows <- strsplit(trimws(lines[seq_along(lines) > header & nzchar(lines)]), "[[:space:]]+")
  capacity <- vapply(rows, `[`, "", 4)
  data.frame(unit = vapply(rows, `[`, "", 1),
             arrivals_per_day = as.numeric(vapply(rows, `[`, "", 2)),
             offered_load = as.numeric(vapply(rows, `[`, "", 3)),
             capacity = suppressWarnings(as.numeric(ifelse(capacity == "unlimited", NA, capacity))),
             stringsAsFactors = FALSE)
}
