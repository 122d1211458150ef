"""Robustness of the kit's Jupyter kernel under Debian's jupyter_client: 1,000 executions in a row (a tenth of
them throwing), megabytes of output, cells that never end; resident memory (Linux /proc) and responsiveness
measured along the way. Prints one JSON report on its last line; KernelRobustnessTests asserts on it.
Usage: kernel_stress.py <kernel name>"""
import json, queue, sys, time

from jupyter_client.manager import start_new_kernel

km, kc = start_new_kernel(kernel_name=sys.argv[1], startup_timeout=120)
pid = km.provisioner.process.pid
report = {}


def rss_mb():
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:")) / 1024


def run(code, timeout=300):
    """Executes code; returns the reply's content and the iopub messages up to idle."""
    msg_id = kc.execute(code)
    messages = []
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
        messages.append(msg)
    while True:
        reply = kc.get_shell_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply["content"], messages


def responsiveness():
    """Seconds for a kernel_info round trip."""
    started = time.time()
    kc.kernel_info(reply=True, timeout=30)
    return round(time.time() - started, 3)


run("var counter = 0;")
for _ in range(20):  # warm-up: Roslyn's first compilations are slow
    run("counter += 0;")
report["rss_before_mb"] = round(rss_mb(), 1)

statuses = {"ok": 0, "error": 0}
started = time.time()
for i in range(1000):
    code = f'throw new InvalidOperationException("cell {i}");' if i % 10 == 9 else "counter++;"
    reply, _ = run(code)
    statuses[reply["status"]] = statuses.get(reply["status"], 0) + 1
elapsed = time.time() - started
reply, messages = run("counter")
report["rapid"] = {"executions": 1000, "statuses": statuses, "seconds": round(elapsed, 1),
                   "ms_per_execute": round(1000 * elapsed / 1000, 1),
                   "counter": next(m["content"]["data"]["text/plain"] for m in messages if m["msg_type"] == "execute_result"),
                   "kernel_info_seconds": responsiveness()}
report["rss_after_rapid_mb"] = round(rss_mb(), 1)

# Megabytes of output: 100,000 lines (5.1 MB) printed one by one, then a 3 MB display.
lines, width = 100_000, 40
started = time.time()
reply, messages = run(f'for (var i = 0; i < {lines}; i++) Console.WriteLine($"line {{i:D6}} " + new string(\'x\', {width}));')
streamed = "".join(m["content"]["text"] for m in messages if m["msg_type"] == "stream")
report["megabytes"] = {"status": reply["status"], "seconds": round(time.time() - started, 2),
                       "expected_chars": lines * (len("line 000000 ") + width + 1), "received_chars": len(streamed),
                       "stream_messages": sum(m["msg_type"] == "stream" for m in messages),
                       "last_line": streamed.rstrip("\n").split("\n")[-1]}
reply, messages = run("display(new string('y', 3_000_000));")
report["big_display"] = {"status": reply["status"],
                         "chars": sum(len(m["content"]["data"]["text/plain"]) for m in messages if m["msg_type"] == "display_data")}
report["megabytes"]["kernel_info_seconds"] = responsiveness()
report["rss_after_output_mb"] = round(rss_mb(), 1)


def interrupt(code, wait=1.0):
    msg_id = kc.execute(code)
    time.sleep(wait)
    asked = time.time()
    km.interrupt_kernel()
    while True:
        reply = kc.get_shell_msg(timeout=60)
        if reply["parent_header"].get("msg_id") == msg_id:
            return {"ename": reply["content"].get("ename"), "latency_seconds": round(time.time() - asked, 3)}


report["interrupt_loop"] = interrupt("while (true) { }")
report["interrupt_blocked"] = interrupt("System.Threading.Thread.Sleep(-1);")
reply, messages = run("counter")
report["after_interrupts"] = {"counter": next(m["content"]["data"]["text/plain"] for m in messages if m["msg_type"] == "execute_result"),
                              "kernel_info_seconds": responsiveness()}
report["rss_end_mb"] = round(rss_mb(), 1)

kc.shutdown()
deadline = time.time() + 30
while km.is_alive() and time.time() < deadline:
    time.sleep(0.05)
report["exited"] = not km.is_alive()
kc.stop_channels()
km.cleanup_resources()
print(json.dumps(report))
