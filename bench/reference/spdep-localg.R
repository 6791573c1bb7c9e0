# Reference timing for the Gi* benchmarks: spdep's own way of computing Gi* on a grid.
#   Rscript bench/reference/spdep-localg.R <input.csv> <distance> [<output.csv>]
# input.csv has the columns x,y,val (one row per cell centre). The script builds the distance-band
# neighbours (dnearneigh(coords, 0, distance) + include.self, binary weights), runs spdep::localG and
# writes z (one per line, input order) to output.csv when given. It prints the time spent inside R
# on neighbours + localG (without R's start-up and package loading) as `spdep_ms=<ms>` on stdout.
# Used by src/core/analysis/gistar/bench.ts (Debian: apt-get install r-cran-spdep).
suppressPackageStartupMessages(library(spdep))
args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 2) stop("usage: Rscript spdep-localg.R <input.csv> <distance> [<output.csv>]")
d <- read.csv(args[1])
distance <- as.numeric(args[2])
t0 <- proc.time()[["elapsed"]]
nb <- include.self(dnearneigh(cbind(d$x, d$y), 0, distance))
z <- as.numeric(localG(d$val, nb2listw(nb, style = "B")))
t1 <- proc.time()[["elapsed"]]
if (length(args) >= 3) writeLines(sprintf("%.17g", z), args[3])
cat(sprintf("spdep_ms=%.0f\n", (t1 - t0) * 1000))
