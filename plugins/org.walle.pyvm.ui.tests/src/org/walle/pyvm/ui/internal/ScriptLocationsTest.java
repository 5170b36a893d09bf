package org.walle.pyvm.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class ScriptLocationsTest {
    @Test
    void parsesErrorLinesAndTracebackLines() {
        assertEquals(new ConsoleSink.ScriptLink("main.py", 5), ScriptLocations.parse("main.py:5"));
        assertEquals(new ConsoleSink.ScriptLink("helper.py", 12),
                ScriptLocations.parse("File \"helper.py\", line 12"));
    }

    @Test
    void theConsoleRegexFindsOnlyTheLocation() {
        var m = Pattern.compile(ScriptLocations.REGEX)
                .matcher("  error in task cart-watcher: main.py:5: ZeroDivisionError: integer division by zero");
        assertTrue(m.find());
        assertEquals("main.py:5", m.group());
        m = Pattern.compile(ScriptLocations.REGEX).matcher("    File \"main.py\", line 9, in <module>");
        assertTrue(m.find());
        assertEquals("File \"main.py\", line 9", m.group());
    }

    @Test
    void refusesLocationsOutsideTheTaskFolderAndNonsense() {
        // hostile console text: absolute paths, parent folders, line 0, a line number too long for an int
        assertNull(ScriptLocations.parse("File \"/usr/lib/jython/Lib/json.py\", line 3"));
        assertNull(ScriptLocations.parse("../other/main.py:3"));
        assertNull(ScriptLocations.parse("main.py:0"));
        assertNull(ScriptLocations.parse("main.py:99999999999999"));
        assertNull(ScriptLocations.parse("no location here"));
    }
}
