package org.walle.pyvm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.walle.engine.samples.SampleGraphs;
import org.walle.engine.tensor.Tensor;

/** The walle Python module: np math checked against hand-computed values, model, events, state, output. */
class WalleApiTest {
    static TaskVm vm;
    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        vm = new TaskVm(1);
    }

    @AfterAll
    static void stop() {
        vm.close();
    }

    private String out(String script) {
        return vm.run(Tasks.pkg(dir, script), TaskContext.builder().build()).stdout();
    }

    @Test
    void npCreationIndexingAndBroadcasting() {
        assertEquals("(2, 3) [[0, 1, 2], [3, 4, 5]]\n[1, 4] [[3.0, 4.0, 5.0]] 5\n[[10.0, 21.0, 32.0], [13.0, 24.0, 35.0]]\n",
                out("from walle import np\na = np.arange(6).reshape(2, 3)\nprint a.shape, a.tolist()\n"
                        + "print a[:, 1].tolist(), a[1:, :].astype('float32').tolist(), a[-1, -1]\n"
                        + "print (a + np.array([[10.0], [10.0]]) * np.array([1.0, 2.0, 3.0])).tolist()"));
        assertEquals("[[0.0, 3.0], [1.0, 4.0], [2.0, 5.0]] [[5.0, 14.0], [14.0, 50.0]]\n",
                out("from walle import np\na = np.array([[0.0, 1, 2], [3, 4, 5]])\n"
                        + "print a.T.tolist(), np.matmul(a, a.transpose()).tolist()"));
        assertEquals("15.0 [3.0, 12.0] [2, 2] 2.5 [[4.0, 5.0]]\n",
                out("from walle import np\na = np.array([[0.0, 1, 2], [3, 4, 5]])\n"
                        + "print a.sum(), a.sum(axis=1).tolist(), np.argmax(a, axis=1).tolist(), a.mean(), "
                        + "np.max(a[:, 1:], axis=0, keepdims=True).tolist()"));
        assertEquals("[[9.0, 1.0], [2.0, 9.0]]\n", out("from walle import np\na = np.zeros((2, 2))\n"
                + "a[0, 1] = 1\na[1, 0] = 2\na[[0, 1][0], 0] = 9\na[1, 1] = 9\nprint a.tolist()"));
    }

    @Test
    void npSoftmaxAndTopK() {
        String s = out("from walle import np\np = np.softmax(np.array([[1.0, 2.0, 3.0]]))\n"
                + "print round(p.sum(), 5), [round(x, 4) for x in p[0].tolist()]\n"
                + "v, i = np.topk(np.array([0.1, 0.7, 0.2, 0.7]), 3)\nprint v.tolist(), i.tolist()");
        assertEquals("1.0 [0.09, 0.2447, 0.6652]\n[0.699999988079071, 0.699999988079071, 0.20000000298023224] [1, 3, 2]\n", s);
    }

    @Test
    void npRefusesBadShapesClearly() {
        TaskScriptException e = assertThrows(TaskScriptException.class, () -> out(
                "from walle import np\nx = np.zeros((2, 3)) + np.zeros((4,))"));
        assertEquals("ValueError", e.pythonType());
        assertTrue(e.pythonMessage().contains("could not be broadcast"), e.getMessage());
        assertEquals(2, e.line());
    }

    @Test
    void modelRunsAJavaBuiltGraphOnTheChosenBackend() {
        Tensor x = Tensor.of(org.walle.engine.tensor.Shape.of(1, 8), 0.5f, -1f, 2f, 0.25f, 1f, 0f, -0.5f, 3f);
        Map<String, Tensor> expected = new org.walle.engine.exec.GraphExecutor(SampleGraphs.mlp()).run(Map.of(
                SampleGraphs.mlp().inputs().get(0), x));
        TaskResult r = vm.run(Tasks.pkg(dir, "import walle\nfrom walle import np\n"
                + "m = walle.model.load('mlp', backend='reference')\n"
                + "out = m.run(np.array(walle.task.input('x')))\n"
                + "walle.output.emit('y', out[m.outputs[0]])\n"),
                TaskContext.builder().graph("mlp", SampleGraphs.mlp()).input("x", List.of(List.of(0.5, -1.0, 2.0, 0.25, 1.0, 0.0, -0.5, 3.0)))
                        .build());
        Tensor y = (Tensor) r.result("y").orElseThrow();
        assertArrayEquals(expected.values().iterator().next().buffer(), y.buffer(), 1e-6f);
        TaskScriptException e = assertThrows(TaskScriptException.class, () -> vm.run(Tasks.pkg(dir,
                "import walle\nm = walle.model.load('mlp', backend='gpu9000')"),
                TaskContext.builder().graph("mlp", SampleGraphs.mlp()).build()));
        assertTrue(e.pythonMessage().contains("unknown backend 'gpu9000'"), e.getMessage());
    }

    @Test
    void eventsStateAndOutputsReachJava() {
        InMemoryCollectiveState state = new InMemoryCollectiveState();
        state.put("clicks", 2L);
        TriggerEvents events = TriggerEvents.of("buy-intent", List.of(
                new TriggerEvent("page_enter", "home", 1000, Map.of()),
                new TriggerEvent("click", "home", 1200, Map.of("item", "shoe"))));
        TaskResult r = vm.run(Tasks.pkg(dir, String.join("\n",
                "import walle",
                "ev = walle.events.matched()",
                "n = walle.state.get('clicks', 0) + walle.events.count('click')",
                "walle.state.put('clicks', n)",
                "walle.output.feature('last_item', ev[-1]['args']['item'])",
                "walle.output.emit('summary', {'trigger': walle.events.trigger(), 'clicks': n, 'pages': [e['page_id'] for e in ev]})")),
                TaskContext.builder().events(events).state(state).build());
        assertEquals(3L, state.get("clicks").orElseThrow());
        assertEquals(Map.of("trigger", "buy-intent", "clicks", 3L, "pages", List.of("home", "home")),
                r.result("summary").orElseThrow());
        assertEquals(TaskOutput.Kind.FEATURE, r.outputs().get(0).kind());
        assertEquals("shoe", r.outputs().get(0).value());
    }
}
