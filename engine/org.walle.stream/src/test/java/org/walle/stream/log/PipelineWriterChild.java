package org.walle.stream.log;

import java.nio.file.Path;
import java.util.List;

import org.walle.stream.event.EcommerceGenerator;
import org.walle.stream.event.Event;

/** Child process of {@link DurablePipelineCrashTest}: processes a generated stream, printing "RUN key" per task run. */
public final class PipelineWriterChild {
    public static void main(String[] args) throws Exception {
        List<Event> events = new EcommerceGenerator(Long.parseLong(args[1])).generate(400);
        try (DurablePipeline pipeline = DurablePipeline.open(Path.of(args[0]), m -> {
            System.out.println("RUN " + m.key());
            System.out.flush();
        })) {
            DurablePipelineCrashTest.triggers().forEach(pipeline::addTrigger);
            System.out.println("READY");
            System.out.flush();
            for (Event e : events) {
                pipeline.offer(e);
            }
        }
        System.out.println("END");
    }
}
