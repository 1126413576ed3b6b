package cn.gov.birth.gateway;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * {@code StreamLimit} on a route of long-lived responses (Server-Sent Events, held open while a
 * portal follows an application): at most {@code maxStreams} open at once through this gateway
 * instance; beyond, 503 with {@code Retry-After}. A stream counts from its request to its last
 * byte or the client leaving. The circuit breaker's bulkhead cannot be this cap: it counts a call
 * only until the upstream's headers arrive, since the body is written after it, hence this
 * filter's place before the one that writes the response.
 */
@Component
class StreamLimitGatewayFilterFactory extends AbstractGatewayFilterFactory<StreamLimitGatewayFilterFactory.Config> {

    StreamLimitGatewayFilterFactory() {
        super(Config.class);
    }

    @Override
    public GatewayFilter apply(Config config) {
        Semaphore streams = new Semaphore(config.getMaxStreams());
        String retryAfter = Long.toString(Math.max(1, config.getRetryAfter().toSeconds()));
        return new OrderedGatewayFilter((exchange, chain) -> {
            if (!streams.tryAcquire()) {
                exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, retryAfter);
                return Problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "Too many streams",
                        "Too many live streams are open right now; please reconnect after the time in Retry-After.");
            }
            return chain.filter(exchange).doFinally(signal -> streams.release());
        }, NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 1);
    }

    /** The route's arguments. */
    public static class Config {

        private int maxStreams = 1000;
        private Duration retryAfter = Duration.ofSeconds(5);

        public int getMaxStreams() {
            return maxStreams;
        }

        public void setMaxStreams(int maxStreams) {
            this.maxStreams = maxStreams;
        }

        public Duration getRetryAfter() {
            return retryAfter;
        }

        public void setRetryAfter(Duration retryAfter) {
            this.retryAfter = retryAfter;
        }
    }
}
