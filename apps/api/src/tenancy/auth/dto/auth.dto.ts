import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MIN_LENGTH } from '../passwords';

export class LoginRequestDto {
  @ApiProperty({ example: 'admin@demo.example' })
  @IsEmail()
  @MaxLength(320)
  email!: string;

  @ApiProperty({ example: 'correct horse battery staple', format: 'password' })
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password!: string;
}

export class RefreshRequestDto {
  @ApiProperty({ description: 'The refresh token from the last login or refresh (it is single-use)' })
  @IsString()
  @MaxLength(200)
  refreshToken!: string;
}

export class TokenResponseDto {
  @ApiProperty({ description: 'Short-lived JWT: send as `Authorization: Bearer <accessToken>`' })
  accessToken!: string;

  @ApiProperty({ description: 'Single-use token for POST /v1/auth/refresh; reusing a spent one revokes its whole family' })
  refreshToken!: string;

  @ApiProperty({ description: 'Lifetime of the access token in seconds', example: 900 })
  expiresIn!: number;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType!: 'Bearer';
}

export class PasswordChangeRequestDto {
  @ApiProperty({ format: 'password' })
  @IsString()
  @MaxLength(1024)
  currentPassword!: string;

  @ApiProperty({ format: 'password', minLength: PASSWORD_MIN_LENGTH, description: `At least ${PASSWORD_MIN_LENGTH} characters` })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(1024)
  newPassword!: string;
}

export class MeMembershipDto {
  @ApiProperty({ format: 'uuid' })
  tenantId!: string;

  @ApiProperty()
  tenantCode!: string;

  @ApiProperty()
  tenantName!: string;

  @ApiProperty({ enum: ['country', 'region', 'province', 'municipality', 'institute', 'other'] })
  tenantKind!: string;

  @ApiProperty({ enum: ['admin', 'analyst', 'viewer', 'auditor'] })
  role!: string;
}

export class MeResponseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  email!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ example: 'es' })
  locale!: string;

  @ApiProperty()
  platformAdmin!: boolean;

  @ApiProperty({ type: [MeMembershipDto], description: 'Tenants where the user holds a role (it applies to their descendants too)' })
  memberships!: MeMembershipDto[];
}
