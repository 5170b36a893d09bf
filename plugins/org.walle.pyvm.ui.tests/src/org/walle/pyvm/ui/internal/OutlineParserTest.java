package org.walle.pyvm.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class OutlineParserTest {
    @Test
    void nestsMethodsInClassesByIndentation() {
        String py = "import walle\n\ndef a():\n    pass\n\nclass B(object):\n    def m(self):\n        def inner():\n"
                + "            pass\n    def n(self):\n        pass\n\ndef c(x):\n    return x\n";
        List<OutlineParser.Item> items = OutlineParser.parse(py);
        assertEquals(List.of("a()", "B", "c()"), items.stream().map(Object::toString).toList());
        assertEquals(3, items.get(0).line());
        OutlineParser.Item b = items.get(1);
        assertEquals(6, b.line());
        assertEquals(List.of("m()", "n()"), b.children().stream().map(Object::toString).toList());
        assertEquals(List.of("inner()"), b.children().get(0).children().stream().map(Object::toString).toList());
    }

    @Test
    void ignoresDefsInsideDocstringsAndBrokenCode() {
        // broken and misleading input: a def in a docstring, an unfinished def, tabs
        String py = "\"\"\"\ndef not_code():\n\"\"\"\ndef broken(:\n\tdef tabbed():\n\t\tpass\n";
        List<OutlineParser.Item> items = OutlineParser.parse(py);
        assertEquals(List.of("broken()"), items.stream().map(Object::toString).toList());
        assertEquals(4, items.get(0).line());
        assertEquals("tabbed()", items.get(0).children().get(0).toString());
    }
}
