"""Loads TF_CONFIG from a file into os.environ before TensorFlow reads it.

Linux refuses an environment string longer than 131,072 bytes (MAX_ARG_STRLEN, counting
"TF_CONFIG=" and a terminating NUL): a node of a large cluster (2,100 workers with Kubernetes DNS
names) cannot be started with its TF_CONFIG in the environment ("Argument list too long").
Inside a running Python process there is no such limit, and TensorFlow reads TF_CONFIG from
os.environ only when it builds its RunConfig or cluster resolver. So the launcher passes the
path of a file instead, in RUNCONFIG_TF_CONFIG_FILE, and this module copies the file's text,
exactly, into os.environ["TF_CONFIG"]:

    runconfig plan cluster.json --format shell --tf-config-dir /shared/tf_config > plan.sh
    . ./plan.sh && runconfig_node worker 3    # RUNCONFIG_TF_CONFIG_FILE=/shared/tf_config/worker-3.json
    runconfig join ... --tf-config-file /tmp/tf_config.json -- python3 trainer.py

Three ways to load it, before `import tensorflow`:

1. Import it first in the trainer (this file on sys.path or PYTHONPATH):
       import tf_config_shim  # noqa: F401  (sets TF_CONFIG)
       import tensorflow as tf
2. Run the trainer through it, unchanged:
       python3 tf_config_shim.py trainer.py ARGS...
       python3 tf_config_shim.py -m package.trainer ARGS...
3. Copy it as sitecustomize.py into a folder on PYTHONPATH: every Python process then loads it
   at start-up (it shadows a sitecustomize the Python installation may have).

With RUNCONFIG_TF_CONFIG_FILE unset it does nothing; a file that cannot be read is an error (a
trainer without its TF_CONFIG would silently train alone). The file wins over a TF_CONFIG already
set. Processes the trainer starts with exec (subprocess, multiprocessing's "spawn") inherit the
large TF_CONFIG and fail to start: give them an environment without it; RUNCONFIG_TF_CONFIG_FILE
stays, so that they can load it the same way.
"""
import os
import runpy
import sys

VARIABLE = "RUNCONFIG_TF_CONFIG_FILE"


def load_tf_config(environ=os.environ):
    """Copies the text of the file RUNCONFIG_TF_CONFIG_FILE names into TF_CONFIG; returns it, or None when unset."""
    path = environ.get(VARIABLE)
    if not path:
        return None
    # newline="": the text exactly as written, no newline translation
    with open(path, encoding="utf-8", newline="") as file:
        text = file.read()
    environ["TF_CONFIG"] = text
    return text


load_tf_config()


def _run(argv):
    """`tf_config_shim.py SCRIPT ARGS...` or `tf_config_shim.py -m MODULE ARGS...`, as python3 itself runs them."""
    if not argv or argv[0] in ("-h", "--help"):
        sys.exit("usage: python3 tf_config_shim.py SCRIPT [ARGS...] | -m MODULE [ARGS...]")
    if argv[0] == "-m":
        if len(argv) < 2:
            sys.exit("usage: python3 tf_config_shim.py -m MODULE [ARGS...]")
        sys.argv = argv[1:]
        runpy.run_module(argv[1], run_name="__main__", alter_sys=True)
    else:
        sys.argv = argv
        sys.path[0] = os.path.dirname(os.path.abspath(argv[0]))
        runpy.run_path(argv[0], run_name="__main__")


if __name__ == "__main__":
    _run(sys.argv[1:])
