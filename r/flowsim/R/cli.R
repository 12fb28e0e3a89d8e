# Finding and calling the flowsim command line. Results come from its files,
# so they are the command line's, number for number.

#' The flowsim command line this package runs: options(flowsim.cli = PATH),
#' else the environment variable FLOWSIM_CLI, else `flowsim` on the PATH.
flowsim_cli <- function() {
  cli <- getOption("flowsim.cli", Sys.getenv("FLOWSIM_CLI", ""))
  if (!nzchar(cli)) cli <- Sys.which("flowsim")
  if (!nzchar(cli) || !file.exists(cli)) {
    stop("the flowsim command line was not found: build it (cmake --build build --target ",
         "flowsim) and set options(flowsim.cli = \"build/tools/flowsim\") or the ",
         "environment variable FLOWSIM_CLI", call. = FALSE)
  }
  normalizePath(cli)
}

# Runs `flowsim COMMAND ARGS`; its stdout lines, or an error with its stderr
# (the scenario's errors with file, line and column) and exit code.
call_flowsim <- function(command, args) {
  out <- tempfile("flowsim-out")
  err <- tempfile("flowsim-err")
  on.exit(unlink(c(out, err)), add = TRUE)
  status <- system2(flowsim_cli(), c(command, shQuote(as.character(args))),
                    stdout = out, stderr = err)
  if (!identical(as.integer(status), 0L)) {
    stop(sprintf("flowsim %s failed (exit code %d):\n%s", command, as.integer(status),
                 paste(readLines(err, warn = FALSE), collapse = "\n")), call. = FALSE)
  }
  readLines(out, warn = FALSE)
}

# --reps, --seed, --threads and one --with per overlay (or group of overlays).
common_args <- function(replications, seed, threads, overlays = character()) {
  args <- character()
  if (!is.null(replications)) args <- c(args, "--reps", format(replications, scientific = FALSE))
  if (!is.null(seed)) args <- c(args, "--seed", format(seed, scientific = FALSE))
  if (!is.null(threads)) args <- c(args, "--threads", format(threads, scientific = FALSE))
  for (overlay in overlays) args <- c(args, "--with", paste(overlay, collapse = ","))
  args
}

read_result <- function(dir, name) {
  utils::read.csv(file.path(dir, name), stringsAsFactors = FALSE, check.names = FALSE)
}

# Rows renumbered from 1, as read.csv numbers them.
reset_rows <- function(frame) {
  rownames(frame) <- NULL
  frame
}

read_info <- function(dir) {
  if (!requireNamespace("jsonlite", quietly = TRUE)) return(NULL)
  jsonlite::read_json(file.path(dir, "run.json"))
}
