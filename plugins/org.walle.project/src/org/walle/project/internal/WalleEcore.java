package org.walle.project.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.eclipse.emf.common.util.EList;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EEnum;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EPackage;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.emf.ecore.resource.impl.ResourceSetImpl;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.emf.ecore.xmi.impl.EcoreResourceFactoryImpl;

/**
 * The Walle project metamodel, read once from {@code model/walle.ecore} in this bundle and registered in the global
 * EPackage registry (dynamic EMF: EMF's code generator does not run in this Maven build). Gives the facade small
 * reflective helpers so no class outside this package spells feature names twice.
 */
public final class WalleEcore {
    public static final String NS_URI = "http://walle.org/studio/project/1.0";
    private static final String ECORE_PATH = "/model/walle.ecore";
    private static EPackage pkg;

    private WalleEcore() {
    }

    public static synchronized EPackage ePackage() {
        if (pkg == null) {
            pkg = load();
            EPackage.Registry.INSTANCE.put(NS_URI, pkg);
        }
        return pkg;
    }

    private static EPackage load() {
        ResourceSet rs = new ResourceSetImpl();
        rs.getResourceFactoryRegistry().getExtensionToFactoryMap().put("ecore", new EcoreResourceFactoryImpl());
        Resource r = rs.createResource(URI.createURI(NS_URI + "/walle.ecore"));
        try (InputStream in = WalleEcore.class.getResourceAsStream(ECORE_PATH)) {
            if (in == null) {
                throw new IllegalStateException("the bundle lacks " + ECORE_PATH + " (check build.properties)");
            }
            r.load(in, null);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the Walle metamodel " + ECORE_PATH + ": " + e.getMessage(), e);
        }
        EPackage p = (EPackage) r.getContents().get(0);
        if (!NS_URI.equals(p.getNsURI())) {
            throw new IllegalStateException(ECORE_PATH + " has nsURI " + p.getNsURI() + ", expected " + NS_URI);
        }
        return p;
    }

    public static EClass eClass(String name) {
        EClass c = (EClass) ePackage().getEClassifier(name);
        if (c == null) {
            throw new IllegalStateException("walle.ecore has no class " + name);
        }
        return c;
    }

    public static EObject newObject(String className) {
        return EcoreUtil.create(eClass(className));
    }

    public static EStructuralFeature feature(EObject o, String name) {
        EStructuralFeature f = o.eClass().getEStructuralFeature(name);
        if (f == null) {
            throw new IllegalStateException(o.eClass().getName() + " has no feature " + name);
        }
        return f;
    }

    public static Object get(EObject o, String name) {
        return o.eGet(feature(o, name));
    }

    public static String string(EObject o, String name) {
        Object v = get(o, name);
        return v == null ? null : v.toString();
    }

    public static void set(EObject o, String name, Object value) {
        EStructuralFeature f = feature(o, name);
        if (value == null) {
            o.eUnset(f);
        } else if (f.getEType() instanceof EEnum e) {
            o.eSet(f, e.getEEnumLiteral(value.toString()).getInstance());
        } else {
            o.eSet(f, value);
        }
    }

    @SuppressWarnings("unchecked")
    public static EList<EObject> children(EObject o, String name) {
        return (EList<EObject>) get(o, name);
    }

    @SuppressWarnings("unchecked")
    public static List<String> strings(EObject o, String name) {
        return (List<String>) get(o, name);
    }

    /** The literal of an enum attribute ("model", "running"...); an unset enum reads as its first literal. */
    public static String literal(EObject o, String name) {
        Object v = get(o, name);
        return v == null ? null : v.toString();
    }
}
