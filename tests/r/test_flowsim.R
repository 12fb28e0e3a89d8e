# The R package against the command line it runs: the same files, the same
# numbers; bad input stops with the loader's diagnostics.
source_dir <- Sys.getenv("FLOWSIM_SOURCE_DIR", normalizePath(file.path(getwd(), "..", "..")))
r1 <- file.path(source_dir, "scenarios", "validation", "r1.yaml")
short <- file.path(source_dir, "tests", "python", "data", "r1_short.yaml")
more_reablement <- file.path(source_dir, "tests", "python", "data", "r1_more_reablement.yaml")

cli <- function(...) {
  status <- system2(flowsim::flowsim_cli(), shQuote(c(...)), stdout = FALSE, stderr = FALSE)
  expect_equal(status, 0L)
}

same_bytes <- function(a, b) {
  identical(readBin(a, "raw", file.size(a)), readBin(b, "raw", file.size(b)))
}

test_that("run returns the command line's files as data frames, byte for byte", {
  cli_dir <- tempfile("cli-")
  r_dir <- tempfile("r-")
  cli("run", r1, "--with", short, "--reps", "3", "--seed", "7", "--threads", "2",
      "--out", cli_dir, "--quiet")
  result <- flowsim::run(r1, overlays = short, replications = 3, seed = 7, threads = 2,
                         out = r_dir)
  for (name in c("summary.csv", "replications.csv", "occupancy.csv", "delayed.csv",
                 "occupancy_distribution.csv"))
    expect_true(same_bytes(file.path(cli_dir, name), file.path(r_dir, name)), info = name)
  summary <- utils::read.csv(file.path(cli_dir, "summary.csv"), stringsAsFactors = FALSE)
  whole_run <- summary[summary$period == "all", ]
  rownames(whole_run) <- NULL
  expect_identical(result$summary, whole_run)
  expect_equal(names(result$summary),
               c("metric", "mean", "sd", "ci95_low", "ci95_high", "replications",
                 "p5", "median", "p95", "skewness", "skewed", "period"))
  expect_equal(nrow(result$periods), 0)
  expect_equal(sort(unique(result$replications$replication)), 0:2)
  expect_equal(result$info$seed, 7)
})

test_that("run gives a multi-year run's summary year by year", {
  result <- flowsim::run(r1, replications = 2, seed = 1, threads = 2)
  expect_equal(unique(result$periods$period), paste("year", 1:5))
  expect_equal(nrow(result$periods), 5 * nrow(result$summary))
  expect_true(all(result$summary$period == "all"))
  acute <- result$occupancy[result$occupancy$unit == "acute", ]
  expect_true(all(acute$capacity == 800))
})

test_that("run gives the daily series and the event logs asked for, as the command line", {
  cli_dir <- tempfile("cli-")
  cli("run", r1, "--with", short, "--reps", "4", "--seed", "3", "--threads", "2", "--series",
      "--event-log=1,3", "--out", cli_dir, "--quiet")
  result <- flowsim::run(r1, overlays = short, replications = 4, seed = 3, threads = 2,
                         series = TRUE, event_log = c(1, 3))
  expect_identical(result$series, utils::read.csv(file.path(cli_dir, "series.csv"),
                                                  stringsAsFactors = FALSE))
  expect_identical(result$events, utils::read.csv(file.path(cli_dir, "events.csv"),
                                                  stringsAsFactors = FALSE))
  expect_equal(sort(unique(result$events$replication)), c(1, 3))
  expect_true(all(c("unit", "occupied", "mean", "cumulative", "full_if_beds") %in%
                  names(result$occupancy_distribution)))
  expect_null(flowsim::run(r1, overlays = short, replications = 1, seed = 1)$series)
})

test_that("run without 'out' leaves no files and keeps the tables", {
  result <- flowsim::run(r1, overlays = short, replications = 1, seed = 1, threads = 1)
  expect_true(nrow(result$occupancy) > 0)
  expect_true(all(c("pathway", "delayed_mean") %in% names(result$delayed)))
})

test_that("compare returns paired differences as the command line writes them", {
  cli_dir <- tempfile("cli-")
  r_dir <- tempfile("r-")
  base <- tempfile("r1_short-", fileext = ".yaml")
  writeLines(system2(flowsim::flowsim_cli(), shQuote(c("show", r1, "--with", short, "--no-header")),
                     stdout = TRUE), base)
  cli("compare", base, "--with", more_reablement, "--reps", "2", "--seed", "3", "--threads", "2",
      "--out", cli_dir, "--quiet")
  result <- flowsim::compare(base, list(more_reablement), replications = 2, seed = 3,
                             threads = 2, out = r_dir)
  expect_true(same_bytes(file.path(cli_dir, "compare.csv"), file.path(r_dir, "compare.csv")))
  expect_true(nrow(result$table) > 0)
})

test_that("sweep returns every point's results", {
  dir <- tempfile("sweep-")
  dir.create(dir)
  file.copy(r1, file.path(dir, "r1.yaml"))
  sweep_file <- file.path(dir, "sweep.yaml")
  writeLines(c("sweep: R1 reablement places", "scenario: r1.yaml", "replications: 2", "seed: 4",
               "parameters:", "  - set: units.p1_reablement.capacity", "    values: [300, 360]"),
             sweep_file)
  cli_dir <- tempfile("cli-")
  cli("sweep", sweep_file, "--with", short, "--threads", "2", "--out", cli_dir, "--quiet")
  result <- flowsim::sweep(sweep_file, overlays = short, threads = 2)
  expect_identical(result$summary, utils::read.csv(file.path(cli_dir, "sweep_summary.csv"),
                                                   stringsAsFactors = FALSE, check.names = FALSE))
  expect_equal(sort(unique(result$results$point)), 0:1)
})

test_that("validate gives the offered load by unit", {
  loads <- flowsim::validate(r1)
  expect_equal(loads$unit, c("ae", "acute", "p1_reablement", "p2_community", "p3_care_home"))
  expect_equal(loads$arrivals_per_day[1], 300)
  expect_equal(loads$capacity[2], 800)
})

test_that("bad input stops with file, line, column and key", {
  bad <- tempfile(fileext = ".yaml")
  writeLines(sub("capacity: 800", "capacity: -3", readLines(r1)), bad)
  expect_error(flowsim::validate(bad), "exit code 2")
  expect_error(flowsim::run(bad), paste0(basename(bad), ":[0-9]+:[0-9]+: error: .*units.acute.capacity"))
})
