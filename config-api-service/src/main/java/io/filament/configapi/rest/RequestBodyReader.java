package io.filament.configapi.rest;

import io.filament.configapi.error.BadRequestException;
import io.filament.configapi.error.PayloadTooLargeException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.stereotype.Component;

/** Reads a request body up to the configured limit; larger bodies are refused with 413 before parsing. */
@Component
final class RequestBodyReader {

    private final long limit;

    RequestBodyReader(RestSettings settings) {
        this.limit = settings.maxBodyBytes();
    }

    byte[] read(HttpServletRequest request) {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            throw tooLarge(declared);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (body.length > limit) {
                throw tooLarge(body.length);
            }
            return body;
        } catch (IOException e) {
            throw new BadRequestException("Cannot read request body: " + e.getMessage());
        }
    }

    private PayloadTooLargeException tooLarge(long size) {
        return new PayloadTooLargeException("Request body of " + size + " bytes is over the limit of " + limit
                + " bytes");
    }
}
