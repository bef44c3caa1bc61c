import { ApiProperty } from '@nestjs/swagger';

/** A member a friction can be assigned to: who, by name (no email: readers of the backlog need no more). */
export class FrictionOwnerDto {
  @ApiProperty({ format: 'uuid', description: 'The user, as `ownerId` names it' })
  userId!: string;

  @ApiProperty({ example: 'Ana Administradora' })
  name!: string;
}

export class FrictionOwnerListDto {
  @ApiProperty({ type: [FrictionOwnerDto] })
  data!: FrictionOwnerDto[];
}
