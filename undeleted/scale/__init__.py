"""Running the pipeline at scale: worker processes on one machine, or a Dask cluster."""
