package org.walle.engine.opencl;

import static org.lwjgl.opencl.CL10.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.lwjgl.PointerBuffer;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.system.MemoryUtil;
import org.walle.engine.WalleHome;

/**
 * Built programs of one context, cached in memory and on disk. The key is SHA-256 over the source, the build
 * options and the device identity (platform, name, version, driver), so a driver update or a kernel edit never
 * reuses stale binaries. A disk binary that the driver rejects is ignored and replaced by a fresh build.
 */
public final class ProgramCache implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ProgramCache.class.getName());

    private final long context;
    private final ClDevice device;
    private final Path dir;
    private final Map<String, Long> programs = new ConcurrentHashMap<>();
    private final AtomicInteger memoryHits = new AtomicInteger();
    private final AtomicInteger diskHits = new AtomicInteger();
    private final AtomicInteger compiles = new AtomicInteger();

    ProgramCache(long context, ClDevice device, Path dir) {
        this.context = context;
        this.device = device;
        this.dir = dir;
    }

    public static Path defaultDir() {
        return WalleHome.resolve("opencl-cache");
    }

    /** Counts of programs served from memory, loaded from disk, and compiled from source. */
    public record Stats(int memoryHits, int diskHits, int compiles) {
    }

    public Stats stats() {
        return new Stats(memoryHits.get(), diskHits.get(), compiles.get());
    }

    public String key(String source, String options) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {source, options, device.cacheIdentity()}) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** The built program for {@code source} with {@code options}. */
    public synchronized long program(String source, String options) {
        String key = key(source, options);
        Long cached = programs.get(key);
        if (cached != null) {
            memoryHits.incrementAndGet();
            return cached;
        }
        long program = dir == null ? 0 : fromDisk(key, options);
        if (program != 0) {
            diskHits.incrementAndGet();
        } else {
            program = fromSource(source, options);
            compiles.incrementAndGet();
            if (dir != null) {
                toDisk(key, program);
            }
        }
        programs.put(key, program);
        return program;
    }

    private long fromSource(String source, String options) {
        long program;
        try (MemoryStack stack = MemoryStack.stackPush()) {
            IntBuffer err = stack.mallocInt(1);
            program = clCreateProgramWithSource(context, source, err);
            ClException.check(err.get(0), "clCreateProgramWithSource");
        }
        build(program, options, true);
        return program;
    }

    private boolean build(long program, String options, boolean failLoudly) {
        int err = clBuildProgram(program, device.deviceId(), options, null, 0);
        if (err != CL_SUCCESS) {
            String log = buildLog(program);
            clReleaseProgram(program);
            if (failLoudly) {
                throw new ClException("OpenCL program build failed on " + device.deviceName() + ":\n" + log, err);
            }
            return false;
        }
        return true;
    }

    private String buildLog(long program) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            PointerBuffer size = stack.mallocPointer(1);
            clGetProgramBuildInfo(program, device.deviceId(), CL_PROGRAM_BUILD_LOG, (ByteBuffer) null, size);
            ByteBuffer log = MemoryUtil.memAlloc((int) Math.max(1, size.get(0)));
            try {
                clGetProgramBuildInfo(program, device.deviceId(), CL_PROGRAM_BUILD_LOG, log, null);
                return MemoryUtil.memASCII(log, (int) Math.max(0, size.get(0) - 1));
            } finally {
                MemoryUtil.memFree(log);
            }
        }
    }

    private long fromDisk(String key, String options) {
        Path file = dir.resolve(key + ".bin");
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        ByteBuffer binary = null;
        try (MemoryStack stack = MemoryStack.stackPush()) {
            byte[] bytes = Files.readAllBytes(file);
            binary = MemoryUtil.memAlloc(Math.max(1, bytes.length));
            binary.put(bytes).flip();
            IntBuffer status = stack.mallocInt(1);
            IntBuffer err = stack.mallocInt(1);
            long program = clCreateProgramWithBinary(context, stack.pointers(device.deviceId()), binary, status, err);
            if (err.get(0) != CL_SUCCESS || status.get(0) != CL_SUCCESS) {
                if (program != 0) {
                    clReleaseProgram(program);
                }
                LOG.log(System.Logger.Level.INFO, "cached OpenCL binary " + file + " rejected; rebuilding");
                return 0;
            }
            return build(program, options, false) ? program : 0;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.INFO, "cannot read cached OpenCL binary " + file + ": " + e);
            return 0;
        } finally {
            if (binary != null) {
                MemoryUtil.memFree(binary);
            }
        }
    }

    private void toDisk(String key, long program) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            PointerBuffer sizes = stack.mallocPointer(1);
            ClException.check(clGetProgramInfo(program, CL_PROGRAM_BINARY_SIZES, sizes, null),
                    "CL_PROGRAM_BINARY_SIZES");
            long size = sizes.get(0);
            if (size <= 0) {
                return;
            }
            ByteBuffer binary = MemoryUtil.memAlloc((int) size);
            try {
                PointerBuffer pointers = stack.pointers(binary);
                ClException.check(clGetProgramInfo(program, CL_PROGRAM_BINARIES, pointers, null),
                        "CL_PROGRAM_BINARIES");
                byte[] bytes = new byte[(int) size];
                binary.get(bytes);
                Files.createDirectories(dir);
                Path tmp = dir.resolve(key + ".tmp");
                Files.write(tmp, bytes);
                Files.move(tmp, dir.resolve(key + ".bin"), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } finally {
                MemoryUtil.memFree(binary);
            }
        } catch (IOException e) {
            // the cache is an optimisation: a read-only home directory must not break inference
            LOG.log(System.Logger.Level.INFO, "cannot store OpenCL binary in " + dir + ": " + e);
        }
    }

    @Override
    public synchronized void close() {
        programs.values().forEach(p -> clReleaseProgram(p));
        programs.clear();
    }
}
