package org.walle.project.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.emf.ecore.resource.impl.ResourceSetImpl;
import org.eclipse.emf.ecore.xmi.PackageNotFoundException;
import org.eclipse.emf.ecore.xmi.XMLResource;
import org.eclipse.emf.ecore.xmi.impl.XMIResourceFactoryImpl;
import org.walle.project.WalleModelException;
import org.xml.sax.SAXParseException;

/**
 * Reads and writes {@code walle.project} XMI through a ResourceSet. Reading works on bytes, so a failed read can
 * never have changed the file; every failure becomes a {@link WalleModelException} that says what is wrong in the
 * user's terms (line, unknown namespace, missing field) rather than EMF's.
 */
public final class ModelXmi {
    private ModelXmi() {
    }

    /** A fresh resource (not on disk) to hold a new model's root. */
    public static Resource newResource() {
        WalleEcore.ePackage();
        return resourceSet().createResource(URI.createURI("walle.project"));
    }

    private static ResourceSet resourceSet() {
        ResourceSet rs = new ResourceSetImpl();
        rs.getResourceFactoryRegistry().getExtensionToFactoryMap().put(Resource.Factory.Registry.DEFAULT_EXTENSION,
                new XMIResourceFactoryImpl());
        // resolve the model's namespace through our package only, never by fetching the nsURI
        rs.getPackageRegistry().put(WalleEcore.NS_URI, WalleEcore.ePackage());
        return rs;
    }

    public static EObject read(byte[] bytes, String file) throws WalleModelException {
        Resource r = newResource();
        try {
            r.load(new ByteArrayInputStream(bytes), loadOptions());
        } catch (IOException | RuntimeException e) {
            throw translate(file, e);
        }
        if (r.getContents().isEmpty()) {
            throw new WalleModelException(file, 0, "the file holds no Walle project", null);
        }
        EObject root = r.getContents().get(0);
        if (root.eClass() != WalleEcore.eClass("Project")) {
            throw new WalleModelException(file, 0, "the root element is a " + root.eClass().getName()
                    + ", expected a walle:Project", null);
        }
        ModelRules.check(root, new String(bytes, java.nio.charset.StandardCharsets.UTF_8), file);
        return root;
    }

    private static Map<Object, Object> loadOptions() {
        Map<Object, Object> options = new HashMap<>();
        options.put(XMLResource.OPTION_DEFER_IDREF_RESOLUTION, Boolean.TRUE);
        // no DOCTYPE, so no external entities: a hostile walle.project cannot pull in local files or URLs
        options.put(XMLResource.OPTION_PARSER_FEATURES,
                Map.of("http://apache.org/xml/features/disallow-doctype-decl", Boolean.TRUE));
        return options;
    }

    private static WalleModelException translate(String file, Exception e) {
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PackageNotFoundException p) {
                return new WalleModelException(file, p.getLine(), "unknown namespace '" + p.uri()
                        + "': not a Walle project file (expected " + WalleEcore.NS_URI + ")", e);
            }
            if (t instanceof SAXParseException s) {
                return new WalleModelException(file, Math.max(0, s.getLineNumber()), "not well-formed XML: "
                        + s.getMessage(), e);
            }
            if (t instanceof Resource.Diagnostic d) {
                return new WalleModelException(file, Math.max(0, d.getLine()), d.getMessage(), e);
            }
            root = t;
        }
        return new WalleModelException(file, 0, "cannot read it: " + root.getMessage(), e);
    }

    public static byte[] write(EObject root) {
        Map<Object, Object> options = new HashMap<>();
        options.put(XMLResource.OPTION_ENCODING, "UTF-8");
        options.put(XMLResource.OPTION_LINE_WIDTH, 100);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            root.eResource().save(out, options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise the Walle project model", e);
        }
        return out.toByteArray();
    }
}
