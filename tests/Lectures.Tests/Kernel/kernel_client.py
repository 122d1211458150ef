"""Drives the kit's Jupyter kernel with Debian's jupyter_client (a client no one on the team wrote) and prints
what it observed as one JSON object on the last line; KernelProtocolTests asserts on it.
Usage: kernel_client.py <kernel name> <folder of Lectures.dll>
Run with JUPYTER_DATA_DIR/JUPYTER_PATH pointing at a folder holding the installed kernelspec."""
import json, queue, sys, time

from jupyter_client.manager import start_new_kernel
from jupyter_client.session import Session

kernel_name, library = sys.argv[1], sys.argv[2]
report = {}
started = time.time()
km, kc = start_new_kernel(kernel_name=kernel_name, startup_timeout=120)
report["startup_seconds"] = round(time.time() - started, 2)
report["kernel_pid"] = km.provisioner.process.pid


def iopub_until_idle(msg_id, timeout=60):
    """Every iopub message answering msg_id, up to and including its idle status."""
    seen = []
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            msg = kc.get_iopub_msg(timeout=1)
        except queue.Empty:
            continue
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        seen.append({"type": msg["msg_type"], "content": msg["content"]})
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return seen
    raise TimeoutError(f"no idle status for {msg_id} within {timeout} s; saw {seen}")


def shell_reply(msg_id, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        msg = kc.get_shell_msg(timeout=max(0.1, deadline - time.time()))
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg
    raise TimeoutError(f"no shell reply to {msg_id}")


def execute(code, timeout=120):
    msg_id = kc.execute(code)
    reply = shell_reply(msg_id, timeout)
    return {"reply": reply["content"], "iopub": iopub_until_idle(msg_id, timeout)}


def request(method, reply_type, *args, **kwargs):
    msg_id = getattr(kc, method)(*args, **kwargs)
    reply = shell_reply(msg_id)
    assert reply["msg_type"] == reply_type, reply["msg_type"]
    iopub_until_idle(msg_id)
    return reply["content"]


info = kc.kernel_info(reply=True, timeout=60)
report["kernel_info"] = info["content"]
kc.execute("")  # nothing to run: a first request that warms up Roslyn

report["cells"] = [
    execute('var x = 20;\nConsole.WriteLine("hello");'),
    execute("x + 22"),
    execute('var h = display("first");\nh.Update("second");'),
    execute('Console.Error.WriteLine("to stderr");\nthrow new InvalidOperationException("boom");'),
    execute("#!time\nx * 2"),
]

report["is_complete"] = {code: request("is_complete", "is_complete_reply", code)["status"]
                         for code in ["for (var i = 0; i < 3; i++) {", "var y = 1;", "var z = ;"]}

execute("var numbers = new List<int> { 1, 2 };")
report["complete"] = {
    "member": request("complete", "complete_reply", "numbers.Cou"),
    "scope": request("complete", "complete_reply", "numb"),
    "static": request("complete", "complete_reply", "Console.WriteL"),
    "after_directive": request("complete", "complete_reply", "#!time\nnumbers.Ad"),
}
execute(f'#r "{library}/Lectures.dll"\nusing Lectures;')
report["inspect"] = {
    "framework": request("inspect", "inspect_reply", "Math.Sqrt(2)", 6),
    "library": request("inspect", "inspect_reply", "Kit.Seed(4", 10),
    "variable": request("inspect", "inspect_reply", "numbers", 3),
}
report["history"] = request("history", "history_reply", hist_access_type="tail", n=10)
comm_id = kc.comm_info()
report["comm_info"] = shell_reply(comm_id)["content"]

# A message signed with the wrong key, and one not signed at all: the kernel must drop both.
for name, key in [("wrong_key", b"not-the-kernel-key"), ("unsigned", b"")]:
    forger = Session(key=key, username="intruder")
    msg = forger.msg("execute_request", {"code": f'var {name} = 1; Console.WriteLine("forged");', "silent": False,
                                         "store_history": True, "user_expressions": {}, "allow_stdin": False})
    forger.send(kc.shell_channel.socket, msg)  # kc.shell_channel.send would re-sign it with the right key
    forged_id = msg["header"]["msg_id"]
    answered = []
    deadline = time.time() + 3
    while time.time() < deadline:
        for get in (kc.get_shell_msg, kc.get_iopub_msg):
            try:
                m = get(timeout=0.2)
                if m["parent_header"].get("msg_id") == forged_id:
                    answered.append(m["msg_type"])
            except queue.Empty:
                pass
    report[f"forged_{name}"] = {"answered": answered, "after": execute(name)["reply"]}

# Correctly signed messages the kernel cannot act on: a header whose msg_type is a number, or not valid UTF-8, on
# shell and on control. The kernel must drop them (or answer with an error) and stay up.
def send_signed(socket, header):
    parts = [header, b"{}", b"{}", b"{}"]
    socket.send_multipart([b"<IDS|MSG>", kc.session.sign(parts)] + parts)


malformed = {"number": b'{"msg_id": "m-number", "username": "u", "session": "s", "date": "2026-01-01T00:00:00Z", "msg_type": 5, "version": "5.3"}',
             "utf8": b'{"msg_id": "m-utf8", "username": "u", "session": "s", "date": "2026-01-01T00:00:00Z", "msg_type": "kernel_info_\xff\xfe", "version": "5.3"}'}
report["malformed"] = {}
for channel in ("shell", "control"):
    for name, header in malformed.items():
        send_signed(getattr(kc, f"{channel}_channel").socket, header)
        time.sleep(0.5)
        report["malformed"][f"{channel}_{name}"] = {"alive": km.is_alive(), "kernel_info": kc.kernel_info(reply=True, timeout=30)["content"]["status"]}
report["malformed"]["after"] = execute("x + 1")["reply"]

# Interrupt a cell that never ends; the kernelspec says interrupt_mode "message", so this sends interrupt_request.
msg_id = kc.execute("var spins = 0L;\nwhile (true) { spins++; }")
time.sleep(2)
interrupted_at = time.time()
km.interrupt_kernel()
reply = shell_reply(msg_id, timeout=30)
report["interrupt"] = {"reply": reply["content"], "latency_seconds": round(time.time() - interrupted_at, 3),
                       "after": execute("spins > 0")}

# Shutdown on the control channel: a reply, then the process ends by itself.
msg_id = kc.shutdown()
reply = kc.get_control_msg(timeout=30) if hasattr(kc, "get_control_msg") else None
asked = time.time()
while km.is_alive() and time.time() - asked < 30:
    time.sleep(0.05)
report["shutdown"] = {"reply": reply["content"] if reply else None, "reply_parent": reply["parent_header"].get("msg_id") == msg_id if reply else None,
                      "exited": not km.is_alive(), "exit_seconds": round(time.time() - asked, 3),
                      "exit_code": km.provisioner.process.returncode if km.provisioner and km.provisioner.process else None}
kc.stop_channels()
km.cleanup_resources()
print(json.dumps(report))
