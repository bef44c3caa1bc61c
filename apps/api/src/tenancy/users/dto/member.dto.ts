import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '../../../platform/http/pagination';
import { PASSWORD_MIN_LENGTH } from '../../auth/passwords';
import { ROLES, type Role } from '../membership.entity';

export class MemberListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Case-insensitive match on email or name' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;
}

export class MemberDto {
  @ApiProperty({ format: 'uuid', description: 'The membership id' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  userId!: string;

  @ApiProperty()
  email!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: ROLES, enumName: 'Role' })
  role!: Role;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class MemberPageDto {
  @ApiProperty({ type: [MemberDto] })
  data!: MemberDto[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor!: string | null;
}

export class MemberUpdateDto {
  @ApiProperty({ enum: ROLES, enumName: 'Role' })
  @IsIn(ROLES)
  role!: Role;
}

export class InvitationCreateDto {
  @ApiProperty({ example: 'tecnico@ayuntamiento.example' })
  @IsEmail()
  @MaxLength(320)
  email!: string;

  @ApiProperty({ enum: ROLES, enumName: 'Role' })
  @IsIn(ROLES)
  role!: Role;
}

export class InvitationDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  email!: string;

  @ApiProperty({ enum: ROLES, enumName: 'Role' })
  role!: Role;

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  acceptedAt!: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  revokedAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class InvitationCreatedDto extends InvitationDto {
  @ApiProperty({ description: 'Shown only in this response; send it to the invitee' })
  token!: string;

  @ApiProperty({ example: '/accept-invitation#token=rmbi_…', description: 'Path of the admin SPA page that accepts it' })
  acceptPath!: string;
}

export class InvitationListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['pending', 'all'], default: 'pending' })
  @IsOptional()
  @IsIn(['pending', 'all'])
  status?: 'pending' | 'all';
}

export class InvitationPageDto {
  @ApiProperty({ type: [InvitationDto] })
  data!: InvitationDto[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor!: string | null;
}

export class InvitationTokenDto {
  @ApiProperty({ description: 'The invitation token' })
  @IsString()
  @MaxLength(200)
  token!: string;
}

export class InvitationPreviewDto {
  @ApiProperty()
  tenantName!: string;

  @ApiProperty()
  email!: string;

  @ApiProperty({ enum: ROLES, enumName: 'Role' })
  role!: Role;

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;

  @ApiProperty({ description: 'An account with this email exists: accept with its password' })
  existingUser!: boolean;
}

export class InvitationAcceptDto extends InvitationTokenDto {
  @ApiPropertyOptional({ description: 'Full name; required when no account exists for the email', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiProperty({
    format: 'password',
    description: `The existing account’s password, or a new one (at least ${PASSWORD_MIN_LENGTH} characters)`,
  })
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password!: string;
}
