package io.ossgate.health;

/**
 * What a probe got back. An answer carrying {@code x-oss-request-id} proves the whole path to OSS
 * works, even a 403 or 404 (oss-reference §9); without it something else answered.
 *
 * @param status HTTP status
 * @param requestId the {@code x-oss-request-id} header, or null
 * @param ossErrorCode the OSS error code (XML body or decoded {@code x-oss-err}), or null
 */
public record ProbeResponse(int status, String requestId, String ossErrorCode) {}
