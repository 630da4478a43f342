"""The assembly: the staged method chooses among the readers' and the model's readings, records
where the layout overrode the model, checks that the model's values are printed where it
read them, and gives every value its provenance and confidence."""
