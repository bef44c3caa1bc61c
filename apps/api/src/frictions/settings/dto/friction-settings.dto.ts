import { ApiProperty } from '@nestjs/swagger';
import { IsNumber, Matches, Max, Min, ValidateIf } from 'class-validator';

export class FrictionSettingsDto {
  @ApiProperty({ type: 'number', nullable: true, minimum: 0, example: 42, description: 'Default value of an hour of staff time' })
  staffTariffPerHour!: number | null;

  @ApiProperty({ type: 'number', nullable: true, minimum: 0, example: 42, description: 'Default value of an hour of business time' })
  businessTariffPerHour!: number | null;

  @ApiProperty({ example: 'EUR', description: 'ISO 4217 code of the tenant’s money' })
  currency!: string;

  @ApiProperty({ description: 'Increments on every change; the ETag is W/"<version>" (0: the defaults, never saved)' })
  version!: number;
}

export class FrictionSettingsPutDto {
  @ApiProperty({
    type: 'number',
    nullable: true,
    minimum: 0,
    maximum: 1_000_000,
    example: 42,
    description: 'null: no default (staff lines without a tariff count hours only)',
  })
  @ValidateIf((_o, v) => v !== null)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1_000_000)
  staffTariffPerHour!: number | null;

  @ApiProperty({ type: 'number', nullable: true, minimum: 0, maximum: 1_000_000, example: 42 })
  @ValidateIf((_o, v) => v !== null)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1_000_000)
  businessTariffPerHour!: number | null;

  @ApiProperty({ example: 'EUR', pattern: '^[A-Z]{3}$' })
  @Matches(/^[A-Z]{3}$/)
  currency!: string;
}
