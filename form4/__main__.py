from form4.cli import app

app(prog_name="form4")
