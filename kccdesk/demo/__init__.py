"""Practice without a phone system: the simulated line (demo and training),
the demo profile's made-up callers, and large fictitious populations for
benchmarks. Every name and number here is made up."""
