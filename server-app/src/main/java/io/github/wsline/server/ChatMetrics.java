package io.github.wsline.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

/** The chat's own meters: what the rate limit and the output limit dropped, and how far each broadcast went. */
final class ChatMetrics {
    final Counter rateLimitDrops;
    final Counter slowConsumerDrops;
    final DistributionSummary broadcastFanOut;

    ChatMetrics(MeterRegistry registry) {
        rateLimitDrops = Counter.builder("wsline.chat.rate.limit.drops")
                .description("Chat messages dropped for exceeding the sender's rate limit").register(registry);
        slowConsumerDrops = Counter.builder("wsline.chat.slow.consumer.drops")
                .description("Room events not written to a member whose unsent output passed the limit")
                .register(registry);
        broadcastFanOut = DistributionSummary.builder("wsline.chat.broadcast.fanout")
                .description("Members each room event was sent to").register(registry);
    }
}
