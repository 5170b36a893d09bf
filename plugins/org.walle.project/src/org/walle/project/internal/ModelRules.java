package org.walle.project.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.walle.project.NewProjectRules;
import org.walle.project.WalleModelException;

/**
 * The rules a loaded model must keep beyond well-formed XMI: every required field set (the .ecore's lower bounds),
 * task ids valid and unique, task folders inside the project, releases naming a task. The first broken rule is
 * reported with the line of the element it is about, found by walking the element names of the XMI text.
 */
final class ModelRules {
    private static final Pattern TASK_ID = Pattern.compile(NewProjectRules.TASK_ID);

    private ModelRules() {
    }

    static void check(EObject root, String text, String file) throws WalleModelException {
        requiredFields(root, text, file);
        for (var it = root.eAllContents(); it.hasNext();) {
            requiredFields(it.next(), text, file);
        }
        Set<String> ids = new HashSet<>();
        for (EObject task : WalleEcore.children(root, "tasks")) {
            String id = WalleEcore.string(task, "id");
            if (!TASK_ID.matcher(id).matches()) {
                fail(file, text, task, "task id '" + id + "' is not valid: use a-z, 0-9, '.', '_' and '-', "
                        + "starting with a letter or digit, at most 100 characters");
            }
            if (!ids.add(id)) {
                fail(file, text, task, "task id '" + id + "' is used twice");
            }
            String folder = WalleEcore.string(task, "folder");
            if (folder.startsWith("/") || folder.contains("\\") || List.of(folder.split("/")).contains("..")) {
                fail(file, text, task, "task '" + id + "' has folder '" + folder
                        + "': it must be a relative path inside the project, without '..'");
            }
        }
        for (EObject release : WalleEcore.children(root, "releases")) {
            EObject task = (EObject) WalleEcore.get(release, "task");
            if (task == null || task.eIsProxy() || task.eContainer() != root) {
                fail(file, text, release, "a release names a task that is not in this project");
            }
        }
    }

    private static void requiredFields(EObject o, String text, String file) throws WalleModelException {
        for (EStructuralFeature f : o.eClass().getEAllStructuralFeatures()) {
            if (f.getLowerBound() < 1 || (f instanceof EReference r && r.isContainment())) {
                continue;
            }
            Object v = o.eGet(f);
            boolean missing = f.isMany() ? ((List<?>) v).isEmpty()
                    : v == null || (f instanceof EAttribute && v.toString().isBlank());
            if (missing) {
                fail(file, text, o, describe(o) + " has no '" + f.getName() + "'");
            }
        }
    }

    private static void fail(String file, String text, EObject o, String problem) throws WalleModelException {
        throw new WalleModelException(file, lineOf(o, text), problem, null);
    }

    /** "task #2", "trigger #1 of task 'scorer'": what a user can find in the file. */
    static String describe(EObject o) {
        String kind = o.eClass().getName().toLowerCase(java.util.Locale.ROOT);
        String name = nameOf(o);
        String self = name != null ? kind + " '" + name + "'" : kind + " #" + (indexInParent(o) + 1);
        EObject parent = o.eContainer();
        return parent == null || parent.eContainer() == null ? self : self + " of " + describe(parent);
    }

    private static String nameOf(EObject o) {
        for (String attr : new String[] { "id", "name" }) {
            EStructuralFeature f = o.eClass().getEStructuralFeature(attr);
            if (f != null && o.eGet(f) != null && !o.eGet(f).toString().isBlank()) {
                return o.eGet(f).toString();
            }
        }
        return null;
    }

    private static int indexInParent(EObject o) {
        if (o.eContainer() == null) {
            return 0;
        }
        return ((List<?>) o.eContainer().eGet(o.eContainmentFeature())).indexOf(o);
    }

    /** The 1-based line of the element that holds {@code o}, or 0 when the text does not show it. */
    static int lineOf(EObject o, String text) {
        List<EObject> path = new ArrayList<>();
        for (EObject e = o; e.eContainer() != null; e = e.eContainer()) {
            path.add(0, e);
        }
        int pos = 0;
        for (EObject step : path) {
            String tag = "<" + step.eContainmentFeature().getName();
            for (int n = indexInParent(step); n >= 0; n--) {
                pos = nextTag(text, tag, pos);
                if (pos < 0) {
                    return 0;
                }
                if (n > 0) {
                    pos += tag.length();
                }
            }
        }
        int line = 1;
        for (int i = 0; i < pos; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static int nextTag(String text, String tag, int from) {
        int i = text.indexOf(tag, from);
        while (i >= 0 && i + tag.length() < text.length() && Character.isLetterOrDigit(text.charAt(i + tag.length()))) {
            i = text.indexOf(tag, i + 1);
        }
        return i;
    }
}
