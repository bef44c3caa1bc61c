import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { AREA_KEY } from '../../dto/friction-input.dto';

export class AreaNameDto {
  @ApiProperty({ example: 'Aparcamiento' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  es!: string;

  @ApiProperty({ example: 'Parking' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  en!: string;
}

export class FrictionAreaCreateDto {
  @ApiProperty({ example: 'parking', pattern: AREA_KEY.source, description: 'Lower-case words joined by hyphens' })
  @IsString()
  @Matches(AREA_KEY)
  @MaxLength(60)
  key!: string;

  @ApiProperty({ type: AreaNameDto })
  // ValidateNested alone lets a missing name through (and the service would then fail on it).
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => AreaNameDto)
  name!: AreaNameDto;
}

export class FrictionAreaDto {
  @ApiProperty({ example: 'citizen-response' })
  key!: string;

  @ApiProperty({ type: AreaNameDto })
  name!: AreaNameDto;

  @ApiProperty({ description: 'One of the ten every tenant has (cannot be deleted)' })
  builtIn!: boolean;
}

export class FrictionAreaListDto {
  @ApiProperty({ type: [FrictionAreaDto] })
  data!: FrictionAreaDto[];
}
