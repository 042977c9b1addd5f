"""How Faro's log lines read, in the command line and in the page process alike."""

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
