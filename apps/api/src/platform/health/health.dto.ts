import { ApiProperty } from '@nestjs/swagger';

export class HealthLiveResponseDto {
  @ApiProperty({ enum: ['ok'], example: 'ok' })
  status!: 'ok';
}

export class HealthCheckDto {
  @ApiProperty({ enum: ['up', 'down'] })
  status!: 'up' | 'down';

  @ApiProperty({ description: 'Round-trip time of the check in milliseconds', example: 1.2 })
  latencyMs!: number;
}

export class HealthChecksDto {
  @ApiProperty({ type: HealthCheckDto })
  database!: HealthCheckDto;
}

export class HealthReadyResponseDto {
  @ApiProperty({ enum: ['ok', 'error'], description: '`ok` when every dependency is up' })
  status!: 'ok' | 'error';

  @ApiProperty({ example: '0.1.0', description: 'API version' })
  version!: string;

  @ApiProperty({ description: 'Seconds since this API process started', example: 42 })
  uptimeSeconds!: number;

  @ApiProperty({ type: HealthChecksDto })
  checks!: HealthChecksDto;
}
