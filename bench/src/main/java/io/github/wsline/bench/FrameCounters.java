package io.github.wsline.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Reported next to ops/s: frames and payload bytes per second. */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class FrameCounters {
    public long frames;
    public long bytes;

    @Setup(Level.Iteration)
    public void reset() {
        frames = 0;
        bytes = 0;
    }
}
