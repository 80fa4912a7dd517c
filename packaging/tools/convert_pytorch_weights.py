#!/usr/bin/python3
"""Convert AttentiveChrome weights saved by PyTorch into an AttentiveChrome Studio weights file.

Input: a file written by torch.save() holding
  - a state_dict (a dict of tensors by parameter name, e.g. "rnn_hms.0.rnn.weight_ih_l0"),
  - a checkpoint dict with such a state_dict under "state_dict" or "model_state_dict", or
  - a whole model pickled by the reference code (torch.save(model, ...)); its state_dict is
    taken. The reference code's classes need not be importable: unknown classes are rebuilt as
    plain torch modules, which is enough to read their parameters.
Output: HDF5 with group /weights holding one float32 dataset per parameter, named by its key
(the format of `attentivechrome-cli import-weights --weights`).

Optional tool: needs Debian's python3-torch and python3-h5py; the application does not.
Exit code 0 on success, 1 with a one-line error otherwise.
"""

import argparse
import os
import pickle
import sys
import tempfile
import types


def fail(message):
    print("convert_pytorch_weights: error: " + message, file=sys.stderr)
    sys.exit(1)


try:
    import h5py
    import numpy
    import torch
except ImportError as e:
    fail("%s (install Debian's python3-torch and python3-h5py, and run with /usr/bin/python3)" % e)


class _LenientUnpickler(pickle.Unpickler):
    """Unpickler that replaces classes it cannot import with empty torch.nn.Module subclasses."""

    missing = set()

    def find_class(self, module, name):
        try:
            return super().find_class(module, name)
        except (ImportError, AttributeError):
            _LenientUnpickler.missing.add("%s.%s" % (module, name))
            return type(name, (torch.nn.Module,), {"__module__": module})


def _lenient_pickle_module():
    """The pickle module with the lenient unpickler, for torch.load."""
    module = types.ModuleType("pickle")
    module.__dict__.update(pickle.__dict__)
    module.Unpickler = _LenientUnpickler
    module.load = lambda f, **kwargs: _LenientUnpickler(f, **kwargs).load()
    return module


def load_object(path):
    try:
        return torch.load(path, map_location="cpu")
    except (ImportError, AttributeError):
        # A whole model pickled by code that is not importable here.
        pass
    except (pickle.UnpicklingError, RuntimeError, EOFError, OSError) as e:
        fail("%s: not a PyTorch file (%s)" % (path, str(e).splitlines()[0] if str(e) else type(e).__name__))
    lenient = _lenient_pickle_module()
    # torch 1.13's load() ignores its pickle_module argument unless weights_only is set and uses
    # the pickle module it imported; swap that one for the duration of the call.
    saved = torch.serialization.pickle
    torch.serialization.pickle = lenient
    try:
        obj = torch.load(path, map_location="cpu", pickle_module=lenient)
    except Exception as e:  # any unpickling failure becomes one clear line
        fail("%s: cannot unpickle (%s: %s)" % (path, type(e).__name__, e))
    finally:
        torch.serialization.pickle = saved
    if _LenientUnpickler.missing:
        print("note: rebuilt classes not importable here as plain modules: "
              + ", ".join(sorted(_LenientUnpickler.missing)), file=sys.stderr)
    return obj


def extract_state_dict(obj, path):
    if isinstance(obj, torch.nn.Module):
        return obj.state_dict()
    if isinstance(obj, dict):
        for key in ("state_dict", "model_state_dict", "model"):
            inner = obj.get(key)
            if isinstance(inner, torch.nn.Module):
                return inner.state_dict()
            if isinstance(inner, dict) and inner and all(torch.is_tensor(v) for v in inner.values()):
                return inner
        if obj and all(torch.is_tensor(v) for v in obj.values()):
            return obj
        bad = [k for k, v in obj.items() if not torch.is_tensor(v)]
        fail("%s: a dict that is not a state_dict (entry \"%s\" is a %s, not a tensor)"
             % (path, bad[0] if bad else "", type(obj[bad[0]]).__name__ if bad else "nothing"))
    fail("%s: holds a %s, neither a state_dict nor a torch model" % (path, type(obj).__name__))


def strip_prefix(state, prefix):
    if prefix and all(k.startswith(prefix) for k in state):
        return {k[len(prefix):]: v for k, v in state.items()}
    return state


def write_weights(state, out_path):
    directory = os.path.dirname(os.path.abspath(out_path))
    fd, temp = tempfile.mkstemp(suffix=".tmp", prefix=os.path.basename(out_path) + ".", dir=directory)
    os.close(fd)
    try:
        with h5py.File(temp, "w") as f:
            group = f.create_group("weights", track_order=True)
            for name, tensor in state.items():
                if not torch.is_floating_point(tensor):
                    fail("parameter \"%s\" is of type %s, not floating point" % (name, tensor.dtype))
                array = tensor.detach().to(torch.float32).cpu().contiguous().numpy()
                group.create_dataset(name, data=numpy.ascontiguousarray(array, dtype=numpy.float32))
        os.replace(temp, out_path)
    finally:
        if os.path.exists(temp):
            os.remove(temp)


def main():
    parser = argparse.ArgumentParser(
        description="Convert a PyTorch AttentiveChrome state_dict (or pickled model) to an "
                    "AttentiveChrome Studio weights file (HDF5, group /weights).")
    parser.add_argument("input", help="file written by torch.save (.pt, .pth)")
    parser.add_argument("output", help="HDF5 weights file to write (.h5)")
    parser.add_argument("--strip-prefix", default="module.",
                        help="prefix removed when every key has it (default: 'module.', "
                             "added by nn.DataParallel)")
    parser.add_argument("--force", action="store_true", help="overwrite an existing output file")
    args = parser.parse_args()

    if not os.path.isfile(args.input):
        fail("%s: no such file" % args.input)
    if os.path.exists(args.output) and not args.force:
        fail("%s: exists (use --force to overwrite)" % args.output)

    state = strip_prefix(dict(extract_state_dict(load_object(args.input), args.input)),
                         args.strip_prefix)
    if not state:
        fail("%s: the state_dict is empty" % args.input)
    write_weights(state, args.output)
    for name, tensor in state.items():
        print("%-52s %s" % (name, list(tensor.shape)))
    print("wrote %d parameters to %s" % (len(state), args.output))


if __name__ == "__main__":
    main()
