package org.walle.engine.opencl;

import static org.lwjgl.opencl.CL10.*;

import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lwjgl.PointerBuffer;
import org.lwjgl.system.Configuration;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.system.MemoryUtil;

/**
 * Device discovery. Debian's ICD loader ships only {@code libOpenCL.so.1} unless ocl-icd-opencl-dev adds the
 * {@code libOpenCL.so} link, and LWJGL looks for the latter, so the name is switched before the first CL call
 * when the link is missing (LIBS.md section 1). Discovery never throws: without a platform the list is empty and
 * {@link #unavailableReason()} says why.
 */
public final class OpenCl {

    private static List<ClDevice> devices;
    private static String unavailableReason;

    private OpenCl() {
    }

    public static synchronized List<ClDevice> devices() {
        if (devices == null) {
            discover();
        }
        return devices;
    }

    public static boolean isAvailable() {
        return !devices().isEmpty();
    }

    /** Why no device is available, or null when one is. */
    public static synchronized String unavailableReason() {
        devices();
        return unavailableReason;
    }

    private static void discover() {
        devices = List.of();
        try {
            configureLibraryName();
            List<ClDevice> found = new ArrayList<>();
            try (MemoryStack stack = MemoryStack.stackPush()) {
                IntBuffer count = stack.mallocInt(1);
                int err = clGetPlatformIDs(null, count);
                if (err != CL_SUCCESS || count.get(0) == 0) {
                    unavailableReason = "no OpenCL platform (clGetPlatformIDs returned " + err + ", "
                            + count.get(0) + " platforms); install an ICD such as pocl-opencl-icd";
                    return;
                }
                PointerBuffer platforms = stack.mallocPointer(count.get(0));
                ClException.check(clGetPlatformIDs(platforms, (IntBuffer) null), "clGetPlatformIDs");
                for (int p = 0; p < platforms.capacity(); p++) {
                    long platform = platforms.get(p);
                    IntBuffer n = stack.mallocInt(1);
                    if (clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, null, n) != CL_SUCCESS || n.get(0) == 0) {
                        continue;
                    }
                    PointerBuffer ids = stack.mallocPointer(n.get(0));
                    ClException.check(clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, ids, (IntBuffer) null),
                            "clGetDeviceIDs");
                    for (int d = 0; d < ids.capacity(); d++) {
                        found.add(describe(platform, ids.get(d)));
                    }
                }
            }
            devices = List.copyOf(found);
            unavailableReason = found.isEmpty() ? "OpenCL platforms have no devices" : null;
        } catch (Throwable e) {
            // UnsatisfiedLinkError when no loader is installed, or any LWJGL start-up failure
            unavailableReason = "OpenCL cannot be loaded: " + e;
        }
    }

    private static void configureLibraryName() {
        if (System.getProperty("org.lwjgl.opencl.libname") != null || Configuration.OPENCL_LIBRARY_NAME.get() != null
                || !System.getProperty("os.name").toLowerCase().contains("linux")) {
            return;
        }
        for (String dir : new String[] {"/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64",
            "/usr/lib", "/usr/local/lib"}) {
            if (Files.exists(Path.of(dir, "libOpenCL.so"))) {
                return;
            }
        }
        Configuration.OPENCL_LIBRARY_NAME.set("libOpenCL.so.1");
    }

    private static ClDevice describe(long platform, long device) {
        long type = deviceLong(device, CL_DEVICE_TYPE);
        String typeName = (type & CL_DEVICE_TYPE_GPU) != 0 ? "GPU" : (type & CL_DEVICE_TYPE_CPU) != 0 ? "CPU"
                : (type & CL_DEVICE_TYPE_ACCELERATOR) != 0 ? "ACCELERATOR" : "OTHER";
        return new ClDevice(platform, device, platformString(platform, CL_PLATFORM_NAME),
                deviceString(device, CL_DEVICE_NAME), typeName, (int) deviceInt(device, CL_DEVICE_MAX_COMPUTE_UNITS),
                deviceLong(device, CL_DEVICE_GLOBAL_MEM_SIZE), devicePointer(device, CL_DEVICE_MAX_WORK_GROUP_SIZE),
                deviceString(device, CL_DEVICE_VERSION), deviceString(device, CL_DRIVER_VERSION));
    }

    static String platformString(long platform, int param) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            PointerBuffer size = stack.mallocPointer(1);
            ClException.check(clGetPlatformInfo(platform, param, (ByteBuffer) null, size), "clGetPlatformInfo");
            ByteBuffer value = stack.malloc((int) size.get(0));
            ClException.check(clGetPlatformInfo(platform, param, value, null), "clGetPlatformInfo");
            return MemoryUtil.memASCII(value, (int) size.get(0) - 1).trim();
        }
    }

    static String deviceString(long device, int param) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            PointerBuffer size = stack.mallocPointer(1);
            ClException.check(clGetDeviceInfo(device, param, (ByteBuffer) null, size), "clGetDeviceInfo");
            ByteBuffer value = stack.malloc((int) size.get(0));
            ClException.check(clGetDeviceInfo(device, param, value, null), "clGetDeviceInfo");
            return MemoryUtil.memASCII(value, (int) size.get(0) - 1).trim();
        }
    }

    private static long deviceLong(long device, int param) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            java.nio.LongBuffer v = stack.mallocLong(1);
            ClException.check(clGetDeviceInfo(device, param, v, null), "clGetDeviceInfo");
            return v.get(0);
        }
    }

    private static long deviceInt(long device, int param) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            IntBuffer v = stack.mallocInt(1);
            ClException.check(clGetDeviceInfo(device, param, v, null), "clGetDeviceInfo");
            return v.get(0);
        }
    }

    private static long devicePointer(long device, int param) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            PointerBuffer v = stack.mallocPointer(1);
            ClException.check(clGetDeviceInfo(device, param, v, null), "clGetDeviceInfo");
            return v.get(0);
        }
    }
}
