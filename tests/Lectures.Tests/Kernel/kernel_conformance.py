"""Jupyter's own kernel conformance suite (jupyter_kernel_test, Debian's python3-jupyter-kernel-test) against the
kit's kernel, with every sample the suite asks for filled in, so none of its tests is skipped. Prints unittest's
report; exit code 0 only if every test passed and none was skipped. KernelConformanceTests runs it.
Usage: kernel_conformance.py <kernel name>
Run with JUPYTER_DATA_DIR/JUPYTER_PATH pointing at a folder holding the installed kernelspec."""
import sys
import unittest

import jupyter_kernel_test

KERNEL = sys.argv[1]


class KitKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = KERNEL
    language_name = "C#"
    file_extension = ".cs"

    code_hello_world = 'Console.WriteLine("hello, world");'
    code_stderr = 'Console.Error.WriteLine("to stderr");'
    completion_samples = [
        {"text": "Console.WriteL", "matches": {"WriteLine"}},
        {"text": "var zebra1 = 1; zebr", "matches": {"zebra1"}},
    ]
    complete_code_samples = ["var y = 1;", "Console.WriteLine(2)", "for (var i = 0; i < 3; i++) { }"]
    incomplete_code_samples = ["for (var i = 0; i < 3; i++) {", "var s = (1 +"]
    invalid_code_samples = ["var z = ;"]
    code_page_something = "Math.Sqrt?"
    code_generate_error = 'throw new InvalidOperationException("boom");'
    code_execute_result = [{"code": "6 * 7", "result": "42"}, {"code": "Math.Max(3, 4)", "result": "4"}]
    code_display_data = [
        {"code": 'display("shown");', "mime": "text/plain"},
        {"code": 'display(HTML("<b>bold</b>"));', "mime": "text/html"},
    ]
    code_history_pattern = "6 *"
    supported_history_operations = ("tail", "range", "search")
    code_inspect_sample = "Math.Sqrt"
    code_clear_output = "Lectures.Notebooks.Kernel.JupyterOutput.Clear();"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The suite allows 15 s per reply; Roslyn compiles its first cell in a few seconds, more on a busy machine.
        cls.kc.execute_interactive("1", timeout=120, output_hook=lambda message: None)


if __name__ == "__main__":
    result = unittest.main(argv=[sys.argv[0], "-v"], exit=False).result
    print(f"tests run: {result.testsRun}, failures: {len(result.failures)}, errors: {len(result.errors)}, skipped: {len(result.skipped)}")
    sys.exit(0 if result.wasSuccessful() and not result.skipped else 1)
