"""A bare Flask "hello": the baseline bench/offices_http.py compares the office API with."""

from flask import Flask

app = Flask(__name__)


@app.get("/hello")
def hello():
    return "hello"
