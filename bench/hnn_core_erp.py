"""hnn-core's side of `npm run bench` (run with HNN_REF_PYTHON=<python3 with hnn-core 0.6.1 and NEURON>).

The same job as `hnn-wasm simulate --model jones2009 --drives-from-params --trials 1`: build the
default network with its parameter-file drives and simulate one trial on one core, then write the
dipole and the spikes, so both sides time a whole process doing the same work.
"""
import sys
import tempfile

from hnn_core import jones_2009_model, simulate_dipole

tstop_ms = float(sys.argv[1]) if len(sys.argv) > 1 else 170.0
net = jones_2009_model(add_drives_from_params=True)
dipoles = simulate_dipole(net, tstop=tstop_ms, n_trials=1, postproc=False)
with tempfile.TemporaryDirectory() as out:
    dipoles[0].write(f"{out}/dipole_trial0.txt")
    net.cell_response.write(f"{out}/spikes_trial%d.txt")
