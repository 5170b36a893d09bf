package org.walle.pyvm.internal.sandbox;

import org.python.antlr.PythonTree;
import org.python.antlr.Visitor;
import org.python.antlr.ast.Attribute;
import org.python.antlr.ast.Exec;
import org.python.antlr.ast.Import;
import org.python.antlr.ast.ImportFrom;
import org.python.antlr.ast.Name;
import org.python.antlr.ast.alias;
import org.python.antlr.base.mod;
import org.python.core.CompileMode;
import org.python.core.CompilerFlags;
import org.python.core.ParserFacade;

/**
 * Static check of task scripts before they are compiled: refuses the {@code exec} statement, dunder attribute
 * and name access ({@code ().__class__.__bases__[0].__subclasses__()}, {@code __builtins__}, {@code __import__})
 * and the frame/globals/code attribute families ({@code f.func_globals}, {@code g.gi_frame}). The runtime guards
 * (builtins, import hook, facades) cover what a static check cannot see (getattr with built strings).
 */
public final class ScriptChecker {
    private ScriptChecker() {
    }

    /** Parses and checks; syntax errors surface as Jython's SyntaxError PyException. */
    public static mod check(String source, String file) {
        mod tree = ParserFacade.parse(source, CompileMode.exec, file, new CompilerFlags());
        try {
            new Checker(file).visit(tree);
        } catch (SandboxViolation v) {
            throw v;
        } catch (Exception e) {
            throw new IllegalStateException("cannot check " + file + ": " + e, e);
        }
        return tree;
    }

    private static final class Checker extends Visitor {
        private final String file;

        Checker(String file) {
            this.file = file;
        }

        private void deny(PythonTree node, String why) {
            throw new SandboxViolation(file, node.getLineno(), why);
        }

        @Override
        public Object visitAttribute(Attribute node) throws Exception {
            String why = Policy.deniedAttribute(node.getInternalAttr());
            if (why != null) {
                deny(node, why);
            }
            return super.visitAttribute(node);
        }

        @Override
        public Object visitName(Name node) throws Exception {
            String why = Policy.deniedName(node.getInternalId());
            if (why != null) {
                deny(node, why);
            }
            return super.visitName(node);
        }

        @Override
        public Object visitExec(Exec node) throws Exception {
            deny(node, "the exec statement is not available in a Walle task");
            return null;
        }

        @Override
        public Object visitImport(Import node) throws Exception {
            for (alias a : node.getInternalNames()) {
                checkModuleName(node, a.getInternalName());
            }
            return super.visitImport(node);
        }

        @Override
        public Object visitImportFrom(ImportFrom node) throws Exception {
            if (node.getInternalModule() != null) {
                checkModuleName(node, node.getInternalModule());
            }
            for (alias a : node.getInternalNames()) {
                if (!a.getInternalName().equals("*") && Policy.deniedName(a.getInternalName()) != null) {
                    deny(node, "importing '" + a.getInternalName() + "' is not available in a Walle task");
                }
            }
            return super.visitImportFrom(node);
        }

        private void checkModuleName(PythonTree node, String module) {
            if (module.contains("__")) {
                deny(node, "import of '" + module + "' is not allowed in a Walle task");
            }
        }
    }
}
