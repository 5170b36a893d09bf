package org.walle.engine.onnx.conformance;

/** The result of one ONNX node test. */
record Outcome(String test, Status status, String detail) {
    enum Status {
        PASSED,
        /** wrong answer, crash, or a model the importer wrongly rejects */
        FAILED,
        /** the engine lacks the op: UnsupportedOpException ("unsupported op X (opset N)") */
        UNSUPPORTED_OP,
        /** the model uses a type the engine does not represent (double, string, sequence ...) */
        UNSUPPORTED_TYPE
    }

    static Outcome passed(String test) {
        return new Outcome(test, Status.PASSED, "");
    }
}
