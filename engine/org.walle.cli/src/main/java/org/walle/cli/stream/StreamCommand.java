package org.walle.cli.stream;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code walle stream ...}: the on-device data pipeline (synthetic events, trigger replay). */
@Command(name = "stream", description = "Behaviour events, trigger matching and the TLS tunnel.",
        subcommands = {StreamGenCommand.class, StreamReplayCommand.class, StreamSendCommand.class,
            StreamReceiveCommand.class, StreamMessagesCommand.class})
public final class StreamCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
